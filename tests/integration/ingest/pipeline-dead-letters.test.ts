// The ingest pipeline end to end (embedded broker, real store process): refused messages.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DeadLetter } from '../../../src/shared/contract';
import { EmbeddedBackend } from './support/embedded-backend';
import { json, result } from './support/messages';
import { ResultsReader } from './support/results-db';

let app: EmbeddedBackend;
let db: ResultsReader;

beforeAll(async () => {
  app = await EmbeddedBackend.start();
  db = new ResultsReader(app.dataDir);
});

afterAll(async () => {
  db?.close();
  await app?.close();
});

async function deadLetters(token: string): Promise<DeadLetter[]> {
  const page = (await app.call('deadLetters.list', { limit: 500 }, token)) as {
    deadLetters: DeadLetter[];
  };
  return page.deadLetters;
}

const big = 'x'.repeat(300 * 1024);
const cases: { name: string; topic: string; payload: string; field: string }[] = [
  {
    name: 'malformed JSON',
    topic: 'factory/LA/MA1/test',
    payload: '{"barcode": "SN-1", ',
    field: 'payload',
  },
  { name: 'not an object', topic: 'factory/LA/MA1/test', payload: '[1, 2, 3]', field: 'payload' },
  {
    name: 'a number as a string',
    topic: 'factory/LA/MA1/test',
    payload: result('MA1', 'BAD-1', { measured_value: '85.5' }),
    field: 'measured_value',
  },
  {
    name: 'a missing field',
    topic: 'factory/LA/MA1/test',
    payload: json({ machine_id: 'MA1' }),
    field: 'barcode',
  },
  {
    name: 'an unknown state',
    topic: 'factory/LA/MA1/state',
    payload: json({ timestamp: '2026-11-22T10:00:02Z', state: 'exploded' }),
    field: 'state',
  },
  {
    name: 'machine_id differing from the topic',
    topic: 'factory/LA/MA1/test',
    payload: result('MA2', 'BAD-2'),
    field: 'machine_id',
  },
  {
    name: 'a 300 KiB payload',
    topic: 'factory/LA/MA1/test',
    payload: result('MA1', 'BAD-3', { padding: big }),
    field: 'payload',
  },
  {
    name: 'a timestamp that is not a time',
    topic: 'factory/LA/MA1/test',
    payload: result('MA1', 'BAD-4', { timestamp: 'yesterday afternoon' }),
    field: 'timestamp',
  },
  {
    name: 'a date without a zone',
    topic: 'factory/LA/MA1/test',
    payload: result('MA1', 'BAD-5', { timestamp: '2026-11-22T10:00:00' }),
    field: 'timestamp',
  },
  {
    name: 'a bidi override',
    topic: 'factory/LA/MA1/test',
    payload: result('MA1', 'SN\u202e1001'),
    field: 'barcode',
  },
  {
    name: 'a NUL character',
    topic: 'factory/LA/MA1/test',
    payload: result('MA1', 'SN\u00001001'),
    field: 'barcode',
  },
  {
    name: 'a 10,000 character barcode',
    topic: 'factory/LA/MA1/test',
    payload: result('MA1', 'B'.repeat(10_000)),
    field: 'barcode',
  },
  {
    name: 'a bad line identifier',
    topic: 'factory/L A/MA1/test',
    payload: result('MA1', 'BAD-6'),
    field: 'topic',
  },
  {
    // `+` matches an empty level (MQTT-4.7.1-3); the embedded broker needed help for that.
    name: 'an empty line level',
    topic: 'factory//MA1/test',
    payload: result('MA1', 'BAD-7'),
    field: 'topic',
  },
  {
    name: 'an empty machine level',
    topic: 'factory/LA//state',
    payload: json({ timestamp: '2026-11-22T10:00:02Z', state: 'running' }),
    field: 'topic',
  },
  {
    name: 'a prototype key',
    topic: 'factory/LA/MA1/test',
    payload: '{"__proto__": {"barcode": "SN-9"}, "machine_id": "MA1"}',
    field: 'barcode',
  },
];

it.each(cases)(
  'dead-letters $name with a reason naming "$field"',
  async ({ topic, payload, field }) => {
    const before = Number(db.scalar('SELECT count(*) FROM test_results'));
    const moved = await app.publishAndDrain([{ topic, payload }]);
    expect(moved).toEqual({ received: 1, stored: 0, duplicates: 0, deadLettered: 1 });
    expect(db.scalar('SELECT count(*) FROM test_results')).toBe(before);
    const row = db.rows<{
      field: string;
      reason: string;
      payload_bytes: number;
      truncated: number;
      kept: number;
    }>(
      'SELECT field, reason, payload_bytes, truncated, length(payload) AS kept FROM dead_letters WHERE topic = ? ORDER BY id DESC LIMIT 1',
      topic,
    )[0];
    expect(row?.field).toBe(field);
    expect(row?.reason.startsWith(`${field}: `)).toBe(true);
    const bytes = Buffer.byteLength(payload);
    expect(row?.payload_bytes).toBe(bytes);
    expect(row?.truncated).toBe(bytes > 64 * 1024 ? 1 : 0);
    expect(row?.kept).toBe(Math.min(bytes, 64 * 1024));
  },
);

it('counts dead letters in ingest_counters', async () => {
  const counters = Object.fromEntries(
    db
      .rows<{ name: string; value: number }>('SELECT name, value FROM ingest_counters')
      .map((r) => [r.name, r.value]),
  );
  const status = await app.counters();
  expect(counters.dead_lettered).toBe(status.deadLettered);
  expect(counters.dead_lettered).toBeGreaterThanOrEqual(cases.length);
  expect(db.scalar('SELECT sum(occurrences) FROM dead_letters')).toBe(counters.dead_lettered);
  expect(counters.received).toBe(
    (counters.stored ?? 0) + (counters.duplicates ?? 0) + (counters.dead_lettered ?? 0),
  );
});

it('refuses a machine seen on line LA when it later claims line LB', async () => {
  expect(
    await app.publishAndDrain([
      { topic: 'factory/LA/MOVER/test', payload: result('MOVER', 'MOVE-1') },
    ]),
  ).toMatchObject({ stored: 1 });
  const moved = await app.publishAndDrain([
    { topic: 'factory/LB/MOVER/test', payload: result('MOVER', 'MOVE-2') },
  ]);
  expect(moved).toMatchObject({ stored: 0, deadLettered: 1 });
  const row = db.rows<{ field: string; reason: string }>(
    "SELECT field, reason FROM dead_letters WHERE topic = 'factory/LB/MOVER/test'",
  )[0];
  expect(row?.field).toBe('topic');
  expect(row?.reason).toBe('topic: machine MOVER is registered to another line');
  expect(db.scalar("SELECT line_id FROM machines WHERE id = 'MOVER'")).toBe('LA');
});

it('shows dead letters to admins and to engineers of that line only', async () => {
  await app.publishAndDrain([
    { topic: 'factory/LB/MB1/test', payload: result('MB1', 'LB-OK') },
    {
      topic: 'factory/LB/MB1/test',
      payload: result('MB1', 'LB-BAD', { measured_value: 'high' }),
    },
  ]);
  const engineerA = await app.createUser('engineer-a', 'engineer', ['LA']);
  const engineerB = await app.createUser('engineer-b', 'engineer', ['LB']);
  const topicsOf = (letters: DeadLetter[]) => new Set(letters.map((letter) => letter.topic));

  const all = await deadLetters(app.admin.token);
  expect(topicsOf(all)).toContain('factory/LA/MA1/state');
  expect(topicsOf(all)).toContain('factory/LB/MB1/test');
  const truncated = all.find((letter) => letter.truncated);
  expect(truncated?.payloadBytes).toBeGreaterThan(300 * 1024);

  // Engineer A: line LA's letters (and those of LA's machines), nothing of line LB's.
  const seenByA = await deadLetters(engineerA.token);
  expect(topicsOf(seenByA)).toContain('factory/LA/MA1/state');
  expect(topicsOf(seenByA)).not.toContain('factory/LB/MB1/test');
  expect(seenByA.some((letter) => letter.machineId === 'MB1')).toBe(false);

  const seenByB = await deadLetters(engineerB.token);
  expect(topicsOf(seenByB)).toContain('factory/LB/MB1/test');
  expect(seenByB.every((letter) => letter.lineId === 'LB')).toBe(true);
  expect(seenByB.length).toBeLessThan(all.length);
});
