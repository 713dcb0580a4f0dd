import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ProcessChannel } from '../../../src/backend/process/channel';
import { CRASH_EXIT_CODE } from '../../../src/backend/process/crash-exit';
import { forkWithNode } from '../../../src/backend/process/node-fork';
import { Supervisor } from '../../../src/backend/process/supervisor';

/** The supervisor with real child processes (a small fixture entry), killed for real. */

const ENTRY = join(import.meta.dirname, 'fixture-process.ts');
const started: ProcessChannel[] = [];
const isRunning = (pid: number | undefined) => {
  if (pid === undefined) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Launches the fixture and resolves once it said "ready". */
function startFixture(): Promise<{ channel: ProcessChannel }> {
  const channel = forkWithNode(ENTRY, undefined, () => undefined);
  started.push(channel);
  return new Promise((resolve, reject) => {
    channel.onMessage((message) => {
      if ((message as { kind: string }).kind === 'ready') resolve({ channel });
    });
    channel.onExit((code) => reject(new Error(`ended (${code}) before ready`)));
    channel.postMessage({ kind: 'hello' });
  });
}

afterEach(() => {
  for (const channel of started.splice(0)) channel.kill('SIGKILL');
});

describe('Supervisor', () => {
  it('restarts a process killed with SIGKILL, with back-off, and says why it ended', async () => {
    const logged: string[] = [];
    const supervisor = new Supervisor({
      log: (line) => logged.push(line),
      backoff: { firstMs: 50, maxMs: 50, random: () => 0.5 },
    });
    const restarted: string[] = [];
    const first = await supervisor.keep({
      name: 'store',
      start: startFixture,
      restarted: (_next, why) => void restarted.push(why),
    });
    first.channel.kill('SIGKILL');
    await vi.waitFor(() => expect(restarted).toEqual(['killed by SIGKILL']), { timeout: 20_000 });
    expect(supervisor.status()).toEqual([
      { name: 'store', state: 'running', restarts: 1, lastExit: 'killed by SIGKILL' },
    ]);
    expect(logged.join('\n')).toMatch(/store process .* ended unexpectedly \(killed by SIGKILL\)/);
    expect(started).toHaveLength(2);
    await supervisor.shutdown();
  });

  it('restarts a process that crashed on an uncaught exception (it exits by itself)', async () => {
    const supervisor = new Supervisor({
      log: () => undefined,
      backoff: { firstMs: 50, maxMs: 50 },
    });
    const first = await supervisor.keep({ name: 'broker', start: startFixture });
    first.channel.postMessage({ kind: 'crash' });
    await vi.waitFor(
      () =>
        expect(supervisor.status()[0]).toMatchObject({
          state: 'running',
          restarts: 1,
          lastExit: `exit code ${CRASH_EXIT_CODE}`,
        }),
      { timeout: 20_000 },
    );
    await supervisor.shutdown();
  });

  it('does not restart a process its owner released, and kills a hung one at shutdown', async () => {
    const supervisor = new Supervisor({
      log: () => undefined,
      backoff: { firstMs: 10, maxMs: 10 },
    });
    const released = await supervisor.keep({ name: 'reports', start: startFixture });
    supervisor.release('reports');
    released.channel.kill('SIGKILL');
    const hung = await supervisor.keep({ name: 'store', start: startFixture });
    await new Promise<void>((resolve) => {
      hung.channel.onMessage((message) => {
        if ((message as { kind: string }).kind === 'ignoring') resolve();
      });
      hung.channel.postMessage({ kind: 'ignore-sigterm' });
    });
    const before = performance.now();
    await supervisor.shutdown(300);
    expect(performance.now() - before).toBeLessThan(3_000);
    expect(isRunning(hung.channel.pid)).toBe(false);
    // Only the two first processes ever ran: nothing was restarted.
    expect(started).toHaveLength(2);
    expect(supervisor.status().map((status) => status.state)).toEqual(['stopped', 'stopped']);
  });
});
