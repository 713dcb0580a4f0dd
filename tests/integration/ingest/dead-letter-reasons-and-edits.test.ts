// Dead letters as an engineer works them (real broker, real store process): grouped by reason,
// filtered, and a refused message corrected before it is replayed, with the edit in the log.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type {
  DeadLetter,
  DeadLetterReason,
  EventPage,
  Session,
} from '../../../src/shared/contract';
import { EmbeddedBackend } from './support/embedded-backend';
import { result } from './support/messages';

let app: EmbeddedBackend;
let engineerA: Session;

const TEXT_VALUE = 'measured_value: expected a number';

beforeAll(async () => {
  app = await EmbeddedBackend.start();
  engineerA = await app.createUser('edit-engineer-a', 'engineer', ['LA']);
  // Line LA: three results refused for a value sent as text, one for a missing barcode.
  // Line LB: one refused for a value sent as text, which engineer A must never see.
  await app.publishAndDrain([
    { topic: 'factory/LA/MA1/test', payload: result('MA1', 'TXT-1', { measured_value: '85.5' }) },
    { topic: 'factory/LA/MA1/test', payload: result('MA1', 'TXT-2', { measured_value: '86.0' }) },
    { topic: 'factory/LA/MA2/test', payload: result('MA2', 'TXT-3', { measured_value: '87.5' }) },
    { topic: 'factory/LA/MA1/test', payload: result('MA1', 'NOBAR', { barcode: undefined }) },
    { topic: 'factory/LB/MB1/test', payload: result('MB1', 'TXT-LB', { measured_value: '1' }) },
  ]);
});

afterAll(async () => {
  await app?.close();
});

const reasonsOf = async (token: string): Promise<DeadLetterReason[]> =>
  ((await app.call('deadLetters.reasons', {}, token)) as { reasons: DeadLetterReason[] }).reasons;

const lettersOf = async (input: object, token: string): Promise<DeadLetter[]> =>
  (
    (await app.call('deadLetters.list', { limit: 100, ...input }, token)) as {
      deadLetters: DeadLetter[];
    }
  ).deadLetters;

it('groups refused messages by reason, counting only what the caller may see', async () => {
  const forAdmin = await reasonsOf(app.admin.token);
  const textForAdmin = forAdmin.find((group) => group.reason.startsWith(TEXT_VALUE));
  expect(textForAdmin).toMatchObject({ field: 'measured_value', letters: 4, occurrences: 4 });

  const forA = await reasonsOf(engineerA.token);
  const textForA = forA.find((group) => group.reason === textForAdmin?.reason);
  expect(textForA).toMatchObject({ field: 'measured_value', letters: 3 });
  expect(forA.find((group) => group.field === 'barcode')).toMatchObject({ letters: 1 });
  expect(forA.reduce((sum, group) => sum + group.letters, 0)).toBe(4);
});

it('filters the list by reason and by field, within the caller scope', async () => {
  const [textGroup] = (await reasonsOf(engineerA.token)).filter(
    (group) => group.field === 'measured_value',
  );
  const byReason = await lettersOf({ reason: textGroup!.reason }, engineerA.token);
  expect(byReason.map((letter) => letter.machineId).sort()).toEqual(['MA1', 'MA1', 'MA2']);
  const byField = await lettersOf({ field: 'barcode' }, engineerA.token);
  expect(byField).toHaveLength(1);
  expect(byField[0]?.field).toBe('barcode');
  // Line LB's letter with the same reason stays out of engineer A's filtered list.
  expect(byReason.some((letter) => letter.lineId === 'LB')).toBe(false);
});

it('replays a corrected payload, stores it, and logs who changed what', async () => {
  const [letter] = (await lettersOf({ field: 'measured_value' }, engineerA.token)).filter(
    (candidate) => candidate.payloadText.includes('TXT-1'),
  );
  const corrected = letter!.payloadText.replace('"85.5"', '85.5');
  const outcome = await app.call(
    'deadLetters.replay',
    { id: letter!.id, payload: corrected },
    engineerA.token,
  );
  expect(outcome).toEqual({ outcome: 'stored', reason: 'valid now; stored' });
  const stored = (await app.call('results.list', { barcode: 'TXT-1' }, engineerA.token)) as {
    results: { measuredValue: number }[];
  };
  expect(stored.results.map((row) => row.measuredValue)).toEqual([85.5]);

  const log = (await app.call(
    'events.list',
    { type: 'deadletter.edited', limit: 10 },
    engineerA.token,
  )) as EventPage;
  expect(log.events).toHaveLength(1);
  expect(log.events[0]).toMatchObject({ actor: 'edit-engineer-a', lineId: 'LA' });
  expect(log.events[0]?.message).toContain(
    `replayed dead letter ${letter!.id} with an edited payload: stored`,
  );
  expect(log.events[0]?.message).toContain('"measured_value":85.5');
});

it('refuses an edited payload that is still wrong, and keeps the letter as it was received', async () => {
  const [letter] = await lettersOf({ field: 'barcode' }, engineerA.token);
  const outcome = (await app.call(
    'deadLetters.replay',
    { id: letter!.id, payload: '{"machine_id": "MA1"}' },
    engineerA.token,
  )) as { outcome: string; reason: string };
  expect(outcome.outcome).toBe('refused');
  expect(outcome.reason).toMatch(/^barcode: /);
  const [after] = await lettersOf({ field: 'barcode' }, engineerA.token);
  expect(after?.payloadText).toBe(letter?.payloadText);
});

it('does not let an engineer replay, edited or not, a letter of a line they may not see', async () => {
  const [other] = (await lettersOf({}, app.admin.token)).filter((letter) => letter.lineId === 'LB');
  const answer = await app.backend.call(
    'deadLetters.replay',
    { id: other!.id, payload: '{}' },
    engineerA.token,
  );
  expect(answer).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
});
