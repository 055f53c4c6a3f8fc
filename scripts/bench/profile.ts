// Summarises a V8 CPU profile of the bench server: where its CPU time went, by package and by function.

type CallFrame = { functionName: string; url: string; lineNumber: number };
type ProfileNode = { id: number; callFrame: CallFrame; hitCount?: number };
export type CpuProfile = {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
};

/** The package (or runtime part) a function belongs to, from its script URL. */
export function ownerOf(frame: CallFrame): string {
  const { url, functionName } = frame;
  if (!url) {
    if (functionName === '(garbage collector)') return 'GC';
    if (functionName === '(idle)') return 'idle';
    if (functionName === '(program)') return 'V8/native';
    return 'native';
  }
  // the inspector session that records this profile: the measurement's own cost
  if (url === 'node:inspector' || url === 'node:inspector/promises') return 'profiler';
  if (url.startsWith('node:')) return 'node';
  const pnpm = /node_modules\/\.pnpm\/[^/]+\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
  if (pnpm) return pnpm[1]!;
  const plain = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
  if (plain) return plain[1]!;
  const workspace = /\/(packages|apps)\/([^/]+)\//.exec(url);
  if (workspace) return `@portico/${workspace[2]}`;
  if (url.includes('/scripts/')) return 'bench scripts';
  return url;
}

export type ProfileSummary = {
  busyMs: number;
  idleMs: number;
  byOwner: { owner: string; ms: number; share: number }[];
  topFunctions: { name: string; ms: number; share: number }[];
};

export function summariseProfile(profile: CpuProfile, top = 12): ProfileSummary {
  const nodeById = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfMs = new Map<number, number>();
  profile.samples.forEach((id, i) => {
    selfMs.set(id, (selfMs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  const byOwner = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let idleMs = 0;
  for (const [id, ms] of selfMs) {
    const frame = nodeById.get(id)!.callFrame;
    const owner = ownerOf(frame);
    if (owner === 'idle') idleMs += ms;
    if (owner === 'idle' || owner === 'profiler') continue;
    byOwner.set(owner, (byOwner.get(owner) ?? 0) + ms);
    const file = frame.url.split('/').slice(-1)[0] ?? '';
    const name = `${frame.functionName || '(anonymous)'} ${owner}${file ? `/${file}:${frame.lineNumber + 1}` : ''}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + ms);
  }
  const busyMs = [...byOwner.values()].reduce((a, b) => a + b, 0);
  const rank = (m: Map<string, number>) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([key, ms]) => ({ key, ms, share: ms / busyMs }));
  return {
    busyMs,
    idleMs,
    byOwner: rank(byOwner).map(({ key, ms, share }) => ({ owner: key, ms, share })),
    topFunctions: rank(byFunction).map(({ key, ms, share }) => ({ name: key, ms, share })),
  };
}
