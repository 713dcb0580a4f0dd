import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { profileFromEnvironment } from '../../../src/backend/reports/process/cpu-profile';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function freshDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'linewatch-report-profile-'));
  dirs.push(dir);
  return dir;
}

describe("the report process's CPU profile for benches", () => {
  it('is written to LINEWATCH_REPORT_CPU_PROFILE when the process stops', () => {
    const dir = freshDir();
    const write = profileFromEnvironment({ LINEWATCH_REPORT_CPU_PROFILE: dir });
    let sum = 0;
    for (let index = 0; index < 200_000; index += 1) sum += Math.sqrt(index);
    expect(sum).toBeGreaterThan(0);
    write();
    const file = join(dir, `report-process-${process.pid}.cpuprofile`);
    expect(existsSync(file)).toBe(true);
    const profile = JSON.parse(readFileSync(file, 'utf8')) as {
      nodes: unknown[];
      samples: number[];
    };
    expect(profile.nodes.length).toBeGreaterThan(0);
    expect(profile.samples.length).toBeGreaterThan(0);
  });

  it('records nothing without the variable', () => {
    const dir = freshDir();
    profileFromEnvironment({})();
    expect(readdirSync(dir)).toEqual([]);
  });
});
