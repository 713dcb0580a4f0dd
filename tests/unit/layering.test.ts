import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

/**
 * Proves the layering rules of eslint.config.js bite: each snippet is linted as if it lived
 * at the given path. Those files do not exist, so the TypeScript project cannot type them:
 * type-aware rules are switched off, the layering rules are the real configuration.
 */
const eslint = new ESLint({
  cwd: process.cwd(),
  overrideConfig: tseslint.configs.disableTypeChecked,
});

async function layeringErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? [])
    .filter((message) => message.severity === 2)
    .filter((message) => /no-restricted-imports|linewatch\/layers/.test(message.ruleId ?? ''))
    .map((message) => message.message);
}

const USE = '\nexport const used = [x];\n';

describe('layering rules', () => {
  it('refuses electron in the backend', async () => {
    const errors = await layeringErrors(
      'src/backend/x.ts',
      `import { app as x } from 'electron';${USE}`,
    );
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/Electron/);
  });

  it('refuses Node built-ins in the renderer', async () => {
    const code = `import x from 'node:fs';\nimport y from 'path';${USE}export const alsoUsed = y;\n`;
    expect(await layeringErrors('src/renderer/src/x.ts', code)).toHaveLength(2);
  });

  it('refuses backend code in the shared layer', async () => {
    const errors = await layeringErrors(
      'src/shared/x.ts',
      `import { x } from '../backend/x';${USE}`,
    );
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/src\/backend/);
  });

  it('judges relative imports by where they land, not by their text', async () => {
    // From src/renderer/src/pages, '../main' is the renderer's own src/main: allowed.
    const own = `import { x } from '../main';${USE}`;
    expect(await layeringErrors('src/renderer/src/pages/x.ts', own)).toEqual([]);
    const escaping = `import { x } from '../../../main/ipc';${USE}`;
    expect(await layeringErrors('src/renderer/src/pages/x.ts', escaping)).toHaveLength(1);
  });

  it('lets only the renderer tests import the renderer components, hooks and state', async () => {
    const code = `import { x } from '../../src/renderer/src/components/x';${USE}`;
    expect(await layeringErrors('tests/renderer/x.test.tsx', code)).toEqual([]);
    expect(await layeringErrors('tests/unit/x.test.ts', code)).toHaveLength(1);
    const backend = `import { x } from '../../src/backend/x';${USE}`;
    expect(await layeringErrors('tests/renderer/x.test.tsx', backend)).toHaveLength(1);
  });

  it('lets the preload import only electron and src/shared', async () => {
    const allowed = `import { ipcRenderer as x } from 'electron';\nimport { IPC } from '../shared/desktop-bridge';${USE}export const c = IPC;\n`;
    expect(await layeringErrors('src/preload/x.ts', allowed)).toEqual([]);
    const refused = `import x from 'zod';\nimport { y } from '../backend/y';${USE}export const z = y;\n`;
    expect(await layeringErrors('src/preload/x.ts', refused)).toHaveLength(2);
  });
});
