import mqttPacket from 'mqtt-packet';
import { expect, it } from 'vitest';
import { HeldAcks } from '../../../src/backend/ingest/broker/held-acks';

/** The packets a broker reads from the frames written at once. */
function packetsOf(frames: Buffer[]): { cmd: string; messageId?: number }[] {
  const parser = mqttPacket.parser({ protocolVersion: 4 });
  const packets: { cmd: string; messageId?: number }[] = [];
  parser.on('packet', (packet: mqttPacket.Packet) =>
    packets.push({ cmd: packet.cmd, messageId: (packet as { messageId?: number }).messageId }),
  );
  for (const frame of frames) parser.parse(frame);
  return packets;
}

it('releases the held acks of a committed batch as one write of PUBACK packets', () => {
  const acks = new HeldAcks();
  const writes: Buffer[] = [];
  const sink = { write: (frames: Buffer) => writes.push(Buffer.from(frames)) };
  for (const id of [1, 300, 65535]) {
    acks.expect(id);
    expect(acks.hold(id)).toBe(true);
  }
  // QoS 0 (no packet id) and a message of an older connection are skipped.
  acks.expect(7);
  acks.hold(7);
  acks.release(
    [
      { packetId: 1, generation: 2 },
      { packetId: null, generation: 2 },
      { packetId: 7, generation: 1 },
      { packetId: 300, generation: 2 },
      { packetId: 65535, generation: 2 },
    ],
    2,
    sink,
  );
  expect(writes).toHaveLength(1);
  expect(packetsOf(writes)).toEqual([
    { cmd: 'puback', messageId: 1 },
    { cmd: 'puback', messageId: 300 },
    { cmd: 'puback', messageId: 65535 },
  ]);
  // Released: MQTT.js's next PUBACK for the same id (a new message) is not held.
  expect(acks.hold(1)).toBe(false);
});

it('lets MQTT.js send an ack it had not issued at the commit, and holds nothing it never expected', () => {
  const acks = new HeldAcks();
  const writes: Buffer[] = [];
  const sink = { write: (frames: Buffer) => writes.push(frames) };
  expect(acks.hold(5)).toBe(false);
  acks.expect(9);
  acks.release([{ packetId: 9, generation: 0 }], 0, sink);
  expect(writes).toHaveLength(0);
  expect(acks.hold(9)).toBe(false);
});

it('forgets every held ack when the connection closes', () => {
  const acks = new HeldAcks();
  const writes: Buffer[] = [];
  acks.expect(3);
  acks.hold(3);
  acks.clear();
  acks.release([{ packetId: 3, generation: 0 }], 0, { write: (frames) => writes.push(frames) });
  expect(writes).toHaveLength(0);
  expect(acks.hold(3)).toBe(false);
});
