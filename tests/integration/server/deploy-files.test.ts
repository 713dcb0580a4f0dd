// The service definitions in deploy/: the systemd unit passes `systemd-analyze verify`, and
// both it and the WinSW file start the built server the same way, with TLS on all addresses.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConsoleOptions } from '../../../src/console/cli-options';
import { ROOT } from '../../helpers/server-process';

const UNIT = join(ROOT, 'deploy', 'linewatch-server.service');
const WINSW = join(ROOT, 'deploy', 'linewatch-server.xml');
const unit = readFileSync(UNIT, 'utf8');
const winsw = readFileSync(WINSW, 'utf8');

function directive(name: string): string[] {
  return [...unit.matchAll(new RegExp(`^${name}=(.*)$`, 'gm'))].map((match) => match[1]!);
}

const systemdAnalyze = spawnSync('systemd-analyze', ['--version']).status === 0;

describe('deploy/linewatch-server.service', () => {
  it.skipIf(!systemdAnalyze)('passes systemd-analyze verify without a complaint', () => {
    // verify exits 0 even on unknown keys and bad values: its complaints name the file.
    const dir = mkdtempSync(join(tmpdir(), 'linewatch-unit-'));
    try {
      const copy = join(dir, 'linewatch-server.service');
      copyFileSync(UNIT, copy);
      const result = spawnSync('systemd-analyze', ['verify', copy], { encoding: 'utf8' });
      expect(result.status).toBe(0);
      const complaints = `${result.stdout}${result.stderr}`
        .split('\n')
        .filter((line) => line.includes('linewatch-server.service'));
      expect(complaints).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  if (!systemdAnalyze)
    console.warn('systemd-analyze is not installed here: the unit file was not verified');

  it('runs the built server as its own user, restarts it on failure, and stops it with SIGTERM within 10 s', () => {
    expect(directive('ExecStart')).toEqual([
      '/usr/bin/node /opt/linewatch/out/server/cli.js --host 0.0.0.0 --data-dir /var/lib/linewatch',
    ]);
    expect(directive('User')).toEqual(['linewatch']);
    expect(directive('Restart')).toEqual(['on-failure']);
    expect(directive('KillSignal')).toEqual(['SIGTERM']);
    expect(directive('TimeoutStopSec')).toEqual(['10']);
    expect(directive('NoNewPrivileges')).toEqual(['yes']);
    expect(directive('ProtectSystem')).toEqual(['strict']);
    expect(directive('ReadWritePaths')).toEqual(['/var/lib/linewatch']);
  });

  it('serves HTTPS with the server’s own certificate, as does the Windows service', () => {
    const unitArgs = directive('ExecStart')[0]!.split(' ').slice(2);
    expect(parseConsoleOptions(unitArgs, {})).toMatchObject({
      host: '0.0.0.0',
      dataDir: '/var/lib/linewatch',
      tls: 'own',
    });
    const winArguments = /<arguments>(.*)<\/arguments>/.exec(winsw)?.[1] ?? '';
    expect(winArguments).toMatch(/\\out\\server\\cli\.js" --host 0\.0\.0\.0 --data-dir "/);
    const winArgs = winArguments
      .split(/ (?=--)/)
      .slice(1)
      .flatMap((pair) => {
        const [flag, ...value] = pair.split(' ');
        return [flag!, value.join(' ').replace(/"/g, '')];
      });
    expect(parseConsoleOptions(winArgs, {})).toMatchObject({ host: '0.0.0.0', tls: 'own' });
    expect(winsw).toMatch(/<stoptimeout>10 sec<\/stoptimeout>/);
    expect(winsw).toMatch(/<onfailure action="restart"/);
  });
});
