// CPU time spent by the processes of a benchmark (server, PostgreSQL, load generator), read from /proc:
// on a 2-core box they share the CPUs, so per-request CPU says more than throughput alone.
import fs from 'node:fs';
import os from 'node:os';

// USER_HZ: 100 on every Linux that Node supports; /proc/<pid>/stat counts in these ticks.
const TICK_MS = 10;

/** utime + stime of a process and of its waited-for children, in milliseconds; 0 when it is gone. */
function processCpuMs(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // the command name may contain spaces: fields are counted after its closing parenthesis
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const [utime, stime, cutime, cstime] = [11, 12, 13, 14].map((i) => Number(fields[i]));
    return (utime! + stime! + cutime! + cstime!) * TICK_MS;
  } catch {
    return 0;
  }
}

function parentOf(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return -1;
  }
}

/** A process and every process it started (PostgreSQL's postmaster and its backends). */
function treeCpuMs(root: number): number {
  let total = processCpuMs(root);
  for (const entry of fs.readdirSync('/proc')) {
    const pid = Number(entry);
    if (Number.isInteger(pid) && pid !== root && parentOf(pid) === root) total += processCpuMs(pid);
  }
  return total;
}

export type CpuSnapshot = { server: number; postgres: number; loadGenerator: number; wallMs: number };

export type CpuWatch = { snapshot: () => CpuSnapshot };

export function isCpuAccountingAvailable(): boolean {
  return os.platform() === 'linux' && fs.existsSync('/proc/self/stat');
}

/** Reads the PostgreSQL postmaster's pid from its data folder. */
export function postmasterPid(dataDir: string): number {
  return Number(fs.readFileSync(`${dataDir}/postmaster.pid`, 'utf8').split('\n')[0]);
}

export function watchCpu(pids: { server: number; postmaster: number }): CpuWatch {
  return {
    snapshot: () => {
      const self = process.cpuUsage();
      return {
        server: processCpuMs(pids.server),
        postgres: treeCpuMs(pids.postmaster),
        loadGenerator: (self.user + self.system) / 1000,
        wallMs: performance.now(),
      };
    },
  };
}

/** CPU milliseconds per request of each party, and how much of the machine they used together. */
export function describeCpu(before: CpuSnapshot, after: CpuSnapshot, requests: number): string {
  const per = (a: number, b: number) => ((b - a) / Math.max(1, requests)).toFixed(2);
  const used =
    after.server -
    before.server +
    after.postgres -
    before.postgres +
    after.loadGenerator -
    before.loadGenerator;
  // os.cpus(), not availableParallelism(): --pin narrows this process's affinity to one CPU
  const available = (after.wallMs - before.wallMs) * os.cpus().length;
  return (
    `CPU per request: server ${per(before.server, after.server)} ms, ` +
    `PostgreSQL ${per(before.postgres, after.postgres)} ms, ` +
    `load generator ${per(before.loadGenerator, after.loadGenerator)} ms; ` +
    `machine ${Math.round((used / available) * 100)}% busy with these three`
  );
}
