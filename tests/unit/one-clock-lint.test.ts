import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

/**
 * Proves eslint.config.js keeps one clock (architecture rule 7): domain code may not read the
 * wall clock itself. As in layering.test.ts, the snippets are linted as if they lived at the
 * given path, with the type-aware rules off (the files do not exist).
 */
const eslint = new ESLint({
  cwd: process.cwd(),
  overrideConfig: tseslint.configs.disableTypeChecked,
});

async function clockErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? [])
    .filter((message) => message.severity === 2)
    .filter((message) => /no-restricted-(properties|syntax)/.test(message.ruleId ?? ''))
    .map((message) => message.message);
}

const READS_THE_WALL_CLOCK =
  'export const a = Date.now();\nexport const b = new Date();\nexport const c = new Date().getTime();\n';

describe('one clock', () => {
  it('refuses Date.now() and new Date() in domain code', async () => {
    for (const path of [
      'src/backend/x.ts',
      'src/shared/rules/x.ts',
      'src/console/x.ts',
      'simulator/model/x.ts',
    ]) {
      const errors = await clockErrors(path, READS_THE_WALL_CLOCK);
      expect(errors, path).toHaveLength(3);
      expect(errors[0]).toMatch(/injected clock/);
    }
  });

  it('allows a given time, the monotonic clock, and the one file that reads the wall clock', async () => {
    const given =
      'export const a = (nowMs: number) => new Date(nowMs).toISOString();\nexport const b = performance.now();\n';
    expect(await clockErrors('src/backend/x.ts', given)).toEqual([]);
    expect(await clockErrors('src/shared/clock.ts', READS_THE_WALL_CLOCK)).toEqual([]);
  });

  it('leaves the screens and the tests their own clock', async () => {
    expect(await clockErrors('src/renderer/src/x.ts', READS_THE_WALL_CLOCK)).toEqual([]);
    expect(await clockErrors('tests/unit/x.test.ts', READS_THE_WALL_CLOCK)).toEqual([]);
  });
});
