import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { StoredPacket } from '../../../src/backend/ingest/broker/persistence/aedes-parts';
import { OutgoingQueue } from '../../../src/backend/ingest/broker/persistence/outgoing-queue';

/**
 * aedes-persistence's own queue (asyncPersistence.js, outgoingUpdate and
 * outgoingClearMessageId): an array scanned from the front. OutgoingQueue must answer as it does.
 */
class ScannedQueue {
  readonly items: { packet: StoredPacket; row: number }[] = [];

  update(packet: StoredPacket): number | undefined {
    for (let i = 0; i < this.items.length; i++) {
      const queued = this.items[i]!;
      if (queued.packet.brokerId === packet.brokerId) {
        if (queued.packet.brokerCounter === packet.brokerCounter) {
          queued.packet.messageId = packet.messageId;
          return queued.row;
        }
      } else if (queued.packet.messageId === packet.messageId) {
        queued.packet = packet;
        return queued.row;
      }
    }
    return undefined;
  }

  clear(messageId: number | undefined): number | undefined {
    const index = this.items.findIndex((queued) => queued.packet.messageId === messageId);
    if (index < 0) return undefined;
    return this.items.splice(index, 1)[0]!.row;
  }
}

/** The same steps applied through OutgoingQueue, as SqlitePersistence applies them. */
function updateIndexed(queue: OutgoingQueue, packet: StoredPacket): number | undefined {
  const entry = queue.findForUpdate(packet);
  if (!entry) return undefined;
  if (entry.packet.brokerId === packet.brokerId) queue.setMessageId(entry, packet.messageId);
  else queue.replace(entry, packet);
  return entry.row;
}

const publish = (brokerId: string, brokerCounter: number, messageId?: number): StoredPacket => ({
  cmd: 'publish',
  topic: 'factory/L1/M1/test',
  payload: Buffer.from('x'),
  qos: 1,
  retain: false,
  dup: false,
  brokerId,
  brokerCounter,
  ...(messageId === undefined ? {} : { messageId }),
});

const pubrel = (messageId: number): StoredPacket =>
  ({ cmd: 'pubrel', messageId }) as unknown as StoredPacket;

// Few brokers, counters and packet ids, so that they collide as after a restart (restored
// messages carry a broker id of their own) and after packet ids wrap.
const brokerIds = fc.constantFrom('broker-a', 'broker-b');
const counters = fc.integer({ min: 1, max: 12 });
const packetIds = fc.integer({ min: 1, max: 4 });
const step = fc.oneof(
  fc.record({
    kind: fc.constant('push' as const),
    brokerId: brokerIds,
    counter: counters,
    messageId: fc.option(packetIds, { nil: undefined }),
  }),
  fc.record({
    kind: fc.constant('deliver' as const),
    brokerId: brokerIds,
    counter: counters,
    messageId: packetIds,
  }),
  fc.record({ kind: fc.constant('pubrel' as const), messageId: packetIds }),
  fc.record({
    kind: fc.constant('ack' as const),
    messageId: fc.option(packetIds, { nil: undefined }),
  }),
);

const contents = (packets: StoredPacket[]) =>
  packets.map(({ cmd, brokerId, brokerCounter, messageId }) => ({
    cmd,
    brokerId,
    brokerCounter,
    messageId,
  }));

describe("the embedded broker's outgoing queue", () => {
  it("finds, updates and removes what aedes-persistence's scans would, in the same order", () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 80 }), (steps) => {
        const scanned = new ScannedQueue();
        const indexed = new OutgoingQueue();
        let row = 0;
        for (const each of steps) {
          if (each.kind === 'push') {
            row += 1;
            scanned.items.push({
              packet: publish(each.brokerId, each.counter, each.messageId),
              row,
            });
            indexed.push(publish(each.brokerId, each.counter, each.messageId), row);
          } else if (each.kind === 'deliver') {
            const expected = scanned.update(publish(each.brokerId, each.counter, each.messageId));
            expect(
              updateIndexed(indexed, publish(each.brokerId, each.counter, each.messageId)),
            ).toBe(expected);
          } else if (each.kind === 'pubrel') {
            const expected = scanned.update(pubrel(each.messageId));
            expect(updateIndexed(indexed, pubrel(each.messageId))).toBe(expected);
          } else {
            expect(indexed.removeByMessageId(each.messageId)?.row).toBe(
              scanned.clear(each.messageId),
            );
          }
          expect(contents(indexed.packets())).toEqual(contents(scanned.items.map((i) => i.packet)));
          expect(indexed.size).toBe(scanned.items.length);
        }
      }),
      { numRuns: 500 },
    );
  });
});
