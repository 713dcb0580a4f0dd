import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ProcessChannel } from '../../../src/backend/process/channel';
import { nodeLauncher } from '../../../src/backend/process/node-launcher';
import { Supervisor } from '../../../src/backend/process/supervisor';
import { superviseStore, type StoreClient } from '../../../src/backend/store/store-client';
import { waitFor } from '../../helpers/wait';

/**
 * A store process that is alive but answers nothing (here stopped with SIGSTOP; in the soak
 * one whose answers stopped reaching the backend) must not leave every call timing out
 * forever: once a call times out with nothing at all heard from the store meanwhile, the
 * store is ended and the supervisor starts a new one, which answers.
 */

const CALL_TIMEOUT_MS = 2000;

let dataDir: string;
let store: StoreClient;
const launched: ProcessChannel[] = [];
const logged: string[] = [];

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'linewatch-hung-store-'));
  store = await superviseStore(
    {
      supervisor: new Supervisor({ log: (line) => logged.push(line) }),
      launch: () => {
        const channel = nodeLauncher.store();
        launched.push(channel);
        return channel;
      },
      prepare: async () => undefined,
      restarted: async () => undefined,
      callTimeoutMs: CALL_TIMEOUT_MS,
      log: (line) => logged.push(line),
    },
    join(dataDir, 'linewatch.sqlite'),
  );
});

afterAll(async () => {
  for (const channel of launched) if (channel.pid) continueProcess(channel.pid);
  await store.close();
  rmSync(dataDir, { recursive: true, force: true });
});

it('ends a store that answers nothing, and the next store answers', async () => {
  expect(await store.ingestCounters()).toBeTypeOf('object');
  // The store in use is the first one launched (a spare may be launched later).
  const hung = launched[0]!;
  process.kill(hung.pid!, 'SIGSTOP');

  await expect(store.ingestCounters()).rejects.toThrow('did not answer ingestCounters in time');
  const counters = await waitFor(
    'a store that answers again',
    () => store.ingestCounters().catch(() => undefined),
    { timeoutMs: 30_000, everyMs: 200 },
  );
  expect(counters).toBeTypeOf('object');
  expect(logged).toContainEqual(
    expect.stringMatching(/^the store process sent nothing for \d+ s while \d+ call\(s\) waited/),
  );
  expect(logged.some((line) => line.includes('killed by SIGKILL'))).toBe(true);
});

function continueProcess(pid: number): void {
  try {
    process.kill(pid, 'SIGCONT');
  } catch {
    // Already gone.
  }
}
