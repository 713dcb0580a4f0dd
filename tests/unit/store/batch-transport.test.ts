import { deserialize, serialize } from 'node:v8';
import { expect, it } from 'vitest';
import { isPackedBatch, packBatch, unpackBatch } from '../../../src/backend/store/batch-transport';
import type { RawMessage } from '../../../src/backend/store/ingest-messages';

const encoder = new TextEncoder();

it('gives the store the same messages after the trip through a message channel', () => {
  // MQTT.js hands over payloads as views into a bigger socket buffer.
  const chunk = encoder.encode('xx{"a":1}{"b":"é"}yy');
  const messages: RawMessage[] = [
    { topic: 'factory/L1/M1/test', payload: chunk.subarray(2, 9), receivedMs: 1000.5 },
    { topic: 'factory/L1/M2/test', payload: new Uint8Array(), receivedMs: 1001 },
    {
      topic: 'factory/L1/M3/test',
      payload: chunk.subarray(9, chunk.length - 2),
      receivedMs: 1002,
      refusal: { reason: 'machine outside the key', field: 'machineId' },
    },
  ];
  const sent: unknown = deserialize(serialize(packBatch(messages)));
  expect(isPackedBatch(sent)).toBe(true);
  const received = unpackBatch(sent as ReturnType<typeof packBatch>);
  expect(
    received.map((each) => ({ ...each, payload: Buffer.from(each.payload).toString() })),
  ).toEqual([
    { topic: 'factory/L1/M1/test', payload: '{"a":1}', receivedMs: 1000.5 },
    { topic: 'factory/L1/M2/test', payload: '', receivedMs: 1001 },
    {
      topic: 'factory/L1/M3/test',
      payload: '{"b":"é"}',
      receivedMs: 1002,
      refusal: { reason: 'machine outside the key', field: 'machineId' },
    },
  ]);
});

it('leaves a plain array of messages alone', () => {
  expect(isPackedBatch([{ topic: 't', payload: new Uint8Array(), receivedMs: 0 }])).toBe(false);
});
