import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  loadWorkstationConfig,
  saveWorkstationConfig,
} from '../../src/backend/remote/workstation-config';

const dirs: string[] = [];
const file = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'linewatch-ws-'));
  dirs.push(dir);
  return join(dir, 'workstation.json');
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const FINGERPRINT = Array.from({ length: 32 }, () => '0A').join(':');

describe('the desktop workstation setting', () => {
  it('is absent on the first start, and keeps a server, its pin and the station name', () => {
    const path = file();
    expect(loadWorkstationConfig(path)).toBeNull();
    const config = {
      mode: 'remote' as const,
      url: 'https://linewatch.plant.local:8443',
      fingerprint: FINGERPRINT,
      station: 'CR-2',
    };
    saveWorkstationConfig(path, config);
    expect(loadWorkstationConfig(path)).toEqual(config);
  });

  it('refuses a plain-http server, a bad pin or a bad station name', () => {
    const path = file();
    const base = { mode: 'remote', url: 'https://a.example', fingerprint: FINGERPRINT };
    expect(() =>
      saveWorkstationConfig(path, { ...base, url: 'http://a.example', station: 'A' } as never),
    ).toThrow(/https/);
    expect(() =>
      saveWorkstationConfig(path, { ...base, fingerprint: 'AB', station: 'A' } as never),
    ).toThrow(/fingerprint/);
    expect(() => saveWorkstationConfig(path, { ...base, station: 'CR/2' } as never)).toThrow(
      /station name/,
    );
    writeFileSync(path, '{"mode":"remote"}');
    expect(() => loadWorkstationConfig(path)).toThrow(/not a valid workstation setting/);
  });
});
