// The ingest pipeline end to end (embedded broker, real store process): valid messages.
import { afterAll, beforeAll, expect, it } from 'vitest';
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

it('stores a test result, a telemetry sample, a state change and a command answer', async () => {
  const moved = await app.publishAndDrain([
    { topic: 'factory/LA/MA1/test', payload: result('MA1', 'VALID-1', { unit: 'V' }) },
    {
      topic: 'factory/LA/MA1/telemetry',
      payload: json({
        timestamp: 1_795_000_000_000,
        temperature: 71.2,
        units_produced: 12,
        vibration: 0.4,
      }),
    },
    {
      topic: 'factory/LA/MA1/state',
      payload: json({ timestamp: '2026-11-22T10:00:02Z', state: 'down', reason: 'jam' }),
    },
    {
      topic: 'factory/LA/MA1/command/ack',
      payload: json({ command_id: 'cmd-1', ok: true, message: 'stopped' }),
    },
  ]);
  expect(moved).toEqual({ received: 4, stored: 4, duplicates: 0, deadLettered: 0 });
  expect(
    db.rows(
      "SELECT line_id, machine_id, measured_value, unit, verdict FROM test_results WHERE barcode = 'VALID-1'",
    ),
  ).toEqual([
    { line_id: 'LA', machine_id: 'MA1', measured_value: 85.5, unit: 'V', verdict: 'NO_SPEC' },
  ]);
  expect(
    db.rows(
      "SELECT temperature, units_produced, extras FROM telemetry_samples WHERE machine_id = 'MA1'",
    ),
  ).toEqual([{ temperature: 71.2, units_produced: 12, extras: json({ vibration: 0.4 }) }]);
  expect(db.rows("SELECT state, reason FROM machine_states WHERE machine_id = 'MA1'")).toEqual([
    { state: 'down', reason: 'jam' },
  ]);
  expect(
    db.rows("SELECT machine_id, ok, message FROM command_acks WHERE command_id = 'cmd-1'"),
  ).toEqual([{ machine_id: 'MA1', ok: 1, message: 'stopped' }]);
});

it('stores the same message once, whether repeated in one batch or later', async () => {
  const message = { topic: 'factory/LA/MA1/test', payload: result('MA1', 'TWICE-1') };
  expect(await app.publishAndDrain([message, message])).toEqual({
    received: 2,
    stored: 1,
    duplicates: 1,
    deadLettered: 0,
  });
  expect(await app.publishAndDrain([message])).toMatchObject({ stored: 0, duplicates: 1 });
  const withId = {
    topic: 'factory/LA/MA1/test',
    payload: result('MA1', 'TWICE-2', { message_id: 'm-1' }),
  };
  expect(await app.publishAndDrain([withId, withId])).toMatchObject({ stored: 1, duplicates: 1 });
  expect(db.scalar("SELECT count(*) FROM test_results WHERE barcode LIKE 'TWICE-%'")).toBe(2);
});

it('stores strings that are hostile only to careless code verbatim', async () => {
  const barcode = "'); DROP TABLE test_results; -- <script>alert(1)</script> ✓ 日本";
  const moved = await app.publishAndDrain([
    { topic: 'factory/LA/MA1/test', payload: result('MA1', barcode) },
  ]);
  expect(moved).toMatchObject({ stored: 1, deadLettered: 0 });
  expect(db.scalar('SELECT count(*) FROM test_results WHERE barcode = ?', barcode)).toBe(1);
});
