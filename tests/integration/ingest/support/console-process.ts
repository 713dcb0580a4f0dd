import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureServerBundle, SERVER_CLI } from '../../../helpers/server-process';
import { waitFor } from '../../../helpers/wait';

const REPO = fileURLToPath(new URL('../../../../', import.meta.url));
const READY = /Linewatch console listening on (\S+)/;

/** Console mode (`src/console/cli.ts`) as a child process, as an operator would run it. */
export interface ConsoleProcess {
  readonly pid: number;
  readonly url: string;
  output(): string;
  /** Pids of its children: the store process (child_process.fork) and, from source, tsx's esbuild. */
  children(): number[];
  /**
   * Pids of its children that run the store process with the database open (the one writer;
   * a spare store process waits beside it with nothing open).
   */
  storeProcesses(): number[];
  /** SIGKILL: no shutdown code runs. Resolves once the process is gone. */
  kill9(): Promise<void>;
  /** SIGTERM: the normal shutdown (drains ingest, closes the store). */
  stop(): Promise<void>;
  /**
   * SIGKILL to its whole process group (itself, the store, the broker, …) at once, as a power
   * cut would end them; resolves once none is left. Needs `ownGroup`.
   */
  killGroup(): Promise<void>;
}

export async function startConsole(options: {
  dataDir: string;
  /** An external broker; without it console mode starts the embedded one on this port. */
  brokerUrl?: string;
  embeddedBrokerPort?: number;
  /** Leads a process group of its own, with its children in it (for killGroup). */
  ownGroup?: boolean;
  /**
   * Runs the built server (out/server/cli.js, plain Node, as users run it; built first when
   * stale) instead of the TypeScript source through tsx. The benches measure this one; the
   * tests run the source so they test the working tree without a build.
   */
  built?: boolean;
  /** With `built`: another build's cli.js (an A/B bench compares two builds). */
  builtScript?: string;
  /** Node options for console mode's own process (`--cpu-prof` to profile it). */
  execArgv?: string[];
}): Promise<ConsoleProcess> {
  const broker = options.brokerUrl
    ? ['--broker', options.brokerUrl]
    : ['--embedded-broker-port', String(options.embeddedBrokerPort ?? 0)];
  if (options.built && !options.builtScript) ensureServerBundle();
  const entry = options.built
    ? [options.builtScript ?? SERVER_CLI]
    : ['--import', 'tsx', 'src/console/cli.ts'];
  const child: ChildProcess = spawn(
    process.execPath,
    [
      ...(options.execArgv ?? []),
      ...entry,
      '--port',
      '0',
      '--data-dir',
      options.dataDir,
      ...broker,
    ],
    {
      cwd: REPO,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env },
      detached: options.ownGroup ?? false,
    },
  );
  let text = '';
  const keep = (chunk: Buffer) => {
    text = (text + chunk.toString('utf8')).slice(-50_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let exited = false;
  const exit = new Promise<void>((resolve) =>
    child.once('exit', () => {
      exited = true;
      resolve();
    }),
  );
  const pid = child.pid;
  if (pid === undefined) throw new Error('console mode did not start');
  const url = await waitFor(
    'console mode to listen',
    () => {
      if (exited) throw new Error(`console mode exited before it was ready:\n${text}`);
      return READY.exec(text)?.[1];
    },
    { timeoutMs: 60_000 },
  );
  return {
    pid,
    url,
    output: () => text,
    children: () => childrenOf(pid),
    storeProcesses: () =>
      childrenOf(pid).filter(
        (child) =>
          commandOf(child).includes('store-process') &&
          opensFile(child, join(options.dataDir, 'linewatch.sqlite')),
      ),
    async kill9() {
      if (!exited) child.kill('SIGKILL');
      await exit;
    },
    async stop() {
      if (!exited) child.kill('SIGTERM');
      await exit;
    },
    async killGroup() {
      if (!options.ownGroup) throw new Error('killGroup needs ownGroup');
      process.kill(-pid, 'SIGKILL');
      await exit;
      await waitFor('every process of the group to end', () =>
        groupMembers(pid).length === 0 ? true : undefined,
      );
    },
  };
}

/** Live processes of the process group `pgid`, from /proc. */
export function groupMembers(pgid: number): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readStat(Number(entry));
    if (stat && stat.pgrp === pgid && stat.state !== 'Z') found.push(Number(entry));
  }
  return found;
}

/** Live (not zombie) processes whose parent is `pid`, from /proc. */
export function childrenOf(pid: number): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readStat(Number(entry));
    if (stat && stat.ppid === pid && stat.state !== 'Z') found.push(Number(entry));
  }
  return found;
}

/** Whether the process has `path` open (from /proc: its file descriptors). */
export function opensFile(pid: number, path: string): boolean {
  try {
    return readdirSync(`/proc/${pid}/fd`).some((fd) => {
      try {
        return readlinkSync(`/proc/${pid}/fd/${fd}`) === path;
      } catch {
        return false;
      }
    });
  } catch {
    return false;
  }
}

export function commandOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
  } catch {
    return '';
  }
}

/** Whether the process exists and is not a zombie waiting to be reaped. */
export function isAlive(pid: number): boolean {
  const stat = readStat(pid);
  return stat !== null && stat.state !== 'Z' && stat.state !== 'X';
}

function readStat(pid: number): { ppid: number; pgrp: number; state: string } | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // "pid (comm) state ppid ...": comm may hold spaces and parentheses.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { state: fields[0] ?? '?', ppid: Number(fields[1]), pgrp: Number(fields[2]) };
  } catch {
    return null;
  }
}
