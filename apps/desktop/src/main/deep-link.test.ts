import { describe, expect, it } from 'vitest';
import { findDeepLinkInArgv, parseDeepLink } from './deep-link';

const TASK_ID = '0b9e3c52-5d1f-4c7a-9a47-2f8f0c3e6b1d';

describe('parseDeepLink', () => {
  it('reads the task of a portico://task/<uuid> link', () => {
    expect(parseDeepLink(`portico://task/${TASK_ID}`)).toEqual({ kind: 'task', taskId: TASK_ID });
    // Windows appends a slash; case does not change which task it is.
    expect(parseDeepLink(`portico://task/${TASK_ID}/`)).toEqual({ kind: 'task', taskId: TASK_ID });
    expect(parseDeepLink(`PORTICO://task/${TASK_ID.toUpperCase()}`)).toEqual({
      kind: 'task',
      taskId: TASK_ID,
    });
  });

  it('refuses every other shape', () => {
    for (const value of [
      'portico://task/',
      'portico://task/not-a-uuid',
      `portico://task/${TASK_ID}/edit`,
      `portico://task/${TASK_ID}?x=1`,
      `portico://task/${TASK_ID}#frag`,
      `portico://task//${TASK_ID}`,
      `portico://customer/${TASK_ID}`,
      `portico://user@task/${TASK_ID}`,
      `portico://task:80/${TASK_ID}`,
      `portico:task/${TASK_ID}`,
      `https://task/${TASK_ID}`,
      `javascript://task/${TASK_ID}`,
      ` portico://task/${TASK_ID}`,
      `portico://task/${TASK_ID}\n`,
      `portico://task/${TASK_ID}${'/'.repeat(200)}`,
      '',
      42,
      null,
      { taskId: TASK_ID },
    ]) {
      expect(parseDeepLink(value), String(value)).toBeNull();
    }
  });
});

describe('findDeepLinkInArgv', () => {
  it('finds the link among the executable and Chromium switches', () => {
    expect(
      findDeepLinkInArgv([
        '/opt/Portico/portico',
        '--no-sandbox',
        '--allow-file-access',
        `portico://task/${TASK_ID}`,
      ]),
    ).toEqual({ kind: 'task', taskId: TASK_ID });
  });

  it('answers null without a valid link, and skips malformed ones', () => {
    expect(findDeepLinkInArgv(['/opt/Portico/portico', '.'])).toBeNull();
    expect(findDeepLinkInArgv(['portico://task/nope'])).toBeNull();
    expect(findDeepLinkInArgv(['portico://task/nope', `portico://task/${TASK_ID}`])).toEqual({
      kind: 'task',
      taskId: TASK_ID,
    });
  });
});
