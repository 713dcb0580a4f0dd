import { describe, expect, it } from 'vitest';
import { nodeEntry } from '../../src/backend/process/node-fork';

describe('how a background process starts under Node', () => {
  it('runs the TypeScript source with tsx when the launcher itself runs from source', () => {
    expect(nodeEntry('/repo/src/backend/store/store-process.ts', true)).toEqual({
      path: '/repo/src/backend/store/store-process.ts',
      execArgv: ['--import', 'tsx'],
    });
  });

  it('runs the built file of the same name with plain Node from the server bundle', () => {
    // In out/server/cli.js, `new URL('./store-process.ts', import.meta.url)` lands in out/server.
    expect(nodeEntry('/opt/linewatch/out/server/store-process.ts', false)).toEqual({
      path: '/opt/linewatch/out/server/store-process.js',
      execArgv: [],
    });
  });

  it('knows that these tests run from source', () => {
    expect(nodeEntry('/x/y.ts').execArgv).toEqual(['--import', 'tsx']);
  });
});
