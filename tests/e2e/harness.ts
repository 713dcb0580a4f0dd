import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

const ROOT = resolve(import.meta.dirname, '../..');
const SCREENSHOT_DIR = join(ROOT, 'artifacts', 'screenshots');
const READY_LINE = /Linewatch console listening on (https?:\/\/\S+)/;
const START_TIMEOUT_MS = 60_000;

export interface ConsoleServer {
  url: string;
  dataDir: string;
  /** Everything the server printed, for failure messages. */
  output: () => string;
  stop: () => Promise<void>;
  /** Kills console mode at once (SIGKILL, like a crash or a pulled plug); keeps the data. */
  kill: () => Promise<void>;
  /** Starts it again on the same port and data folder (after kill). */
  restart: () => Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolvePort(port));
    });
  });
}

/**
 * Starts console mode on a free port with a fresh data directory, as a child process, and
 * resolves once it says it is listening. The renderer must have been built (out/renderer).
 */
export async function startConsole(): Promise<ConsoleServer> {
  if (!existsSync(join(ROOT, 'out', 'renderer', 'index.html'))) {
    throw new Error('out/renderer/index.html is missing: run `npm run build` before the e2e tests');
  }
  try {
    return await startConsoleOnce();
  } catch (error) {
    // Another process may take the free port between probing and listening; try once more.
    if (error instanceof Error && error.message.includes('EADDRINUSE')) return startConsoleOnce();
    throw error;
  }
}

async function startConsoleOnce(): Promise<ConsoleServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'linewatch-e2e-'));
  const port = await freePort();
  let running: Spawned;
  try {
    running = await spawnConsole(port, dataDir);
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  let output = running.output;
  return {
    url: running.url,
    dataDir,
    output: () => output(),
    stop: async () => {
      await stopChild(running.child);
      rmSync(dataDir, { recursive: true, force: true });
    },
    kill: async () => {
      await killChildGroup(running.child);
    },
    restart: async () => {
      running = await spawnConsole(port, dataDir);
      output = running.output;
    },
  };
}

interface Spawned {
  child: ChildProcess;
  url: string;
  output: () => string;
}

async function spawnConsole(port: number, dataDir: string): Promise<Spawned> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'src/console/cli.ts',
      '--port',
      String(port),
      '--data-dir',
      dataDir,
      '--embedded-broker-port',
      '0',
    ],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NO_COLOR: '1' },
      // Its own process group, so kill() can take the store and broker processes with it.
      detached: true,
    },
  );
  let output = '';
  const listening = new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`Console did not start within ${START_TIMEOUT_MS} ms:\n${output}`)),
      START_TIMEOUT_MS,
    );
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = READY_LINE.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolveUrl(match[1].replace(/\/$/, ''));
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Console exited with code ${code} before listening:\n${output}`));
    });
  });
  try {
    return { child, url: await listening, output: () => output };
  } catch (error) {
    await stopChild(child);
    throw error;
  }
}

/** SIGKILL to the whole process group: console mode and the processes it started. */
async function killChildGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()));
  process.kill(-child.pid, 'SIGKILL');
  await exited;
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()));
  child.kill('SIGTERM');
  const killTimer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(killTimer);
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** A fresh context per user: separate sessionStorage, like separate control-room screens. */
export async function openPage(browser: Browser, baseUrl: string): Promise<Page> {
  const context = await browser.newContext({
    baseURL: baseUrl,
    viewport: { width: 1600, height: 900 },
    colorScheme: 'dark',
  });
  // Fail fast with a clear locator message instead of waiting the default 30 s.
  context.setDefaultTimeout(10_000);
  return context.newPage();
}

/** Saves artifacts/screenshots/<name>.png for people to look at. */
export async function saveScreenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`) });
}
