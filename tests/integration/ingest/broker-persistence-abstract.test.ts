import assert from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, it } from 'vitest';
import { SqlitePersistence } from '../../../src/backend/ingest/broker/persistence/sqlite-persistence';

/**
 * The conformance suite aedes-persistence ships for every persistence (`abstract.js`, the one
 * aedes-persistence-level and -redis run), run against the disk persistence: each of its tests
 * on a fresh `broker.sqlite`. It is written for node:test; this gives each test the parts of
 * node:test's context it uses (t.plan, t.assert, t.diagnostic), with the plan checked.
 */

type Assertions = Record<string, (...args: unknown[]) => void>;
interface AbstractContext {
  plan(count: number): void;
  diagnostic(message: string): void;
  assert: Assertions;
}
type AbstractTest = (name: string, body: (t: AbstractContext) => Promise<void>) => void;

const fromAedes = createRequire(createRequire(import.meta.url).resolve('aedes'));
const abstractSuite = createRequire(fromAedes.resolve('aedes-persistence'))(
  'aedes-persistence/abstract.js',
) as (options: { test: AbstractTest; persistence: () => unknown; testAsync: boolean }) => void;

const folder = mkdtempSync(join(tmpdir(), 'linewatch-broker-abstract-'));
let files = 0;
afterAll(() => rmSync(folder, { recursive: true, force: true }));

// node:test's t.assert carries node:assert's methods (equal is ==, deepEqual the loose one).
const METHODS = ['equal', 'notEqual', 'deepEqual', 'ok'] as const;

const vitestTest: AbstractTest = (name, body) => {
  it(name, async () => {
    let planned: number | null = null;
    let made = 0;
    const counted: Assertions = {};
    for (const method of METHODS) {
      const check = assert[method] as (...args: unknown[]) => void;
      counted[method] = (...args) => {
        made += 1;
        check(...args);
      };
    }
    await body({
      plan: (count) => (planned = count),
      diagnostic: () => undefined,
      assert: counted,
    });
    if (planned !== null)
      assert.equal(made, planned, `planned ${planned} assertions, made ${made}`);
  });
};

abstractSuite({
  test: vitestTest,
  persistence: () => new SqlitePersistence({ file: join(folder, `broker-${++files}.sqlite`) }),
  testAsync: true,
});
