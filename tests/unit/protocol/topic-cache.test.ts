import { describe, expect, it } from 'vitest';
import { parseFactoryMessage } from '../../../src/backend/ingest/protocol';

/** Topics are remembered once read (topic.ts): the answers must stay those of a fresh read. */
describe('topics read before', () => {
  const payload = Buffer.from(
    JSON.stringify({
      barcode: 'B-1',
      machine_id: 'M-1',
      product_id: 'P',
      test_step: 'leak',
      measured_value: 1,
      timestamp: 1_000,
    }),
  );

  it('answer the same the second time', () => {
    const first = parseFactoryMessage('plant/L1/M-1/test', payload, { topicRoot: 'plant' });
    const second = parseFactoryMessage('plant/L1/M-1/test', payload, { topicRoot: 'plant' });
    expect(second).toEqual(first);
    expect(second.ok && second.message.lineId).toBe('L1');
  });

  it('are read again under another root', () => {
    expect(parseFactoryMessage('plant/L1/M-1/test', payload, { topicRoot: 'plant' }).ok).toBe(true);
    const elsewhere = parseFactoryMessage('plant/L1/M-1/test', payload, { topicRoot: 'other' });
    expect(elsewhere).toMatchObject({ ok: false, field: 'topic' });
    expect(parseFactoryMessage('other/L2/M-1/test', payload, { topicRoot: 'other' })).toMatchObject(
      { ok: true, message: { lineId: 'L2' } },
    );
  });

  it('are refused every time when invalid', () => {
    for (let round = 0; round < 2; round += 1) {
      expect(
        parseFactoryMessage('plant/L 1/M-1/test', payload, { topicRoot: 'plant' }),
      ).toMatchObject({ ok: false, field: 'topic' });
    }
  });

  it('stay right past the number kept', () => {
    for (let index = 0; index < 20_010; index += 1) {
      const topic = `plant/L${index % 7}/M-${index}/test`;
      const body = Buffer.from(payload.toString().replace('"M-1"', `"M-${index}"`));
      const outcome = parseFactoryMessage(topic, body, { topicRoot: 'plant' });
      expect(outcome.ok && outcome.message.machineId).toBe(`M-${index}`);
    }
  });
});
