import { describe, expect, it } from 'vitest';
import {
  PACKET_COLUMNS,
  packetColumns,
  packetFromRow,
  type PacketRow,
} from '../../../src/backend/ingest/broker/persistence/packet-columns';
import type { StoredPacket } from '../../../src/backend/ingest/broker/persistence/aedes-parts';

const asRow = (columns: unknown[]): PacketRow =>
  Object.fromEntries(
    PACKET_COLUMNS.map((name, index) => [name, columns[index]]),
  ) as unknown as PacketRow;

describe('a broker packet as columns', () => {
  it('keeps a packet and its MQTT 5 properties through the columns', () => {
    const packet = {
      cmd: 'publish',
      topic: 'factory/L-1/M-1/test',
      payload: Buffer.from('{"barcode":"SN-1"}'),
      qos: 1,
      retain: false,
      dup: false,
      messageId: 7,
      brokerId: 'b-1',
      brokerCounter: 42,
      properties: { userProperties: { station: 'CR-1' } },
    } as unknown as StoredPacket;
    expect(packetFromRow(asRow(packetColumns(packet)))).toEqual(packet);
  });

  it('leaves out a callback that aedes hung on a queued packet instead of failing to store it', () => {
    const packet = {
      cmd: 'publish',
      topic: 'factory/L-1/M-1/test',
      payload: Buffer.from('x'),
      qos: 1,
      messageId: 3,
      // What the broker's log showed: fastparallel's completion function on the packet.
      callback: () => undefined,
      properties: { contentType: 'application/json' },
    } as unknown as StoredPacket;
    const restored = packetFromRow(asRow(packetColumns(packet))) as unknown as Record<
      string,
      unknown
    >;
    expect(restored.callback).toBeUndefined();
    expect(restored.properties).toEqual({ contentType: 'application/json' });
    expect(restored.messageId).toBe(3);
  });
});
