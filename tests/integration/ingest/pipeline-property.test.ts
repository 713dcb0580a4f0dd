import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { EmbeddedBackend } from './support/embedded-backend';
import { hostileMessage, isSubscribed } from './support/hostile-messages';
import { ResultsReader } from './support/results-db';

let app: EmbeddedBackend;
let db: ResultsReader;
let sentinel = 0;
/** Outcomes over all runs, to show the generator reaches each of them. */
const seen = { stored: 0, duplicates: 0, deadLettered: 0, notDelivered: 0 };

beforeAll(async () => {
  app = await EmbeddedBackend.start();
  db = new ResultsReader(app.dataDir);
});

afterAll(async () => {
  db?.close();
  await app?.close();
});

/** Rows in every table a valid message lands in, and dead-letter occurrences. */
function tally(): { stored: number; deadLettered: number } {
  const stored = Number(
    db.scalar(
      `SELECT (SELECT count(*) FROM test_results) + (SELECT count(*) FROM telemetry_samples)
            + (SELECT count(*) FROM machine_states) + (SELECT count(*) FROM command_acks)`,
    ),
  );
  const deadLettered = Number(db.scalar('SELECT coalesce(sum(occurrences), 0) FROM dead_letters'));
  return { stored, deadLettered };
}

it('stores or dead-letters every message it receives, and keeps answering', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(hostileMessage, { minLength: 1, maxLength: 20 }),
      async (messages) => {
        const before = tally();
        const subscribed = messages.filter((message) => isSubscribed(message.topic)).length;
        // A unique valid result last: once it is committed, everything before it has been too
        // (one publisher, QoS 1, in order), so an unexpected extra delivery would be counted.
        // Its own machine: the random messages move X1..X3 between lines, which is refused.
        sentinel += 1;
        const last = {
          topic: 'factory/SENTINELS/SENTINEL/test',
          payload: JSON.stringify({
            barcode: `SENTINEL-${sentinel}`,
            machine_id: 'SENTINEL',
            product_id: 'PROD-A',
            test_step: 'sentinel',
            measured_value: 1,
            timestamp: 1_795_000_000_000,
          }),
        };
        const moved = await app.publishAndDrain([...messages, last], subscribed + 1);
        const after = tally();
        seen.stored += moved.stored - 1;
        seen.duplicates += moved.duplicates;
        seen.deadLettered += moved.deadLettered;
        seen.notDelivered += messages.length - subscribed;

        expect(moved.received).toBe(subscribed + 1);
        // ignored (app-published commands) is 0 here: command topics are not subscribed.
        expect(moved.stored + moved.duplicates + moved.deadLettered).toBe(moved.received);
        expect(after.stored - before.stored).toBe(moved.stored);
        expect(after.deadLettered - before.deadLettered).toBe(moved.deadLettered);
        expect(
          db.scalar('SELECT count(*) FROM test_results WHERE barcode = ?', `SENTINEL-${sentinel}`),
        ).toBe(1);
      },
    ),
    { numRuns: 150 },
  );

  console.log(`property: outcomes over all runs ${JSON.stringify(seen)}`);
  expect(Object.values(seen).every((count) => count > 0)).toBe(true);

  const counters = Object.fromEntries(
    db
      .rows<{ name: string; value: number }>('SELECT name, value FROM ingest_counters')
      .map((row) => [row.name, row.value]),
  );
  const status = (await app.call('ingest.status', {})) as {
    state: string;
    counters: Record<string, number>;
  };
  expect(status.state).toBe('connected');
  expect(counters.received).toBe(status.counters.received);
  expect(counters.received).toBe(
    (counters.stored ?? 0) + (counters.duplicates ?? 0) + (counters.dead_lettered ?? 0),
  );
  const page = (await app.call('deadLetters.list', { limit: 10 })) as { deadLetters: unknown[] };
  expect(page.deadLetters.length).toBeGreaterThan(0);
});
