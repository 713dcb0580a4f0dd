import type { StoredPacket } from './aedes-parts';

/** A queued packet, its row in the file, and its place in the queue (lower is earlier). */
export interface QueuedEntry {
  packet: StoredPacket;
  readonly row: number;
  readonly place: number;
}

/**
 * One client's queue of outgoing QoS 1 and 2 messages, in order, found by what aedes asks
 * for in O(1): by broker id and counter (outgoingUpdate, once per delivery) and by packet id
 * (outgoingClearMessageId, once per PUBACK). aedes-persistence scans its array from the front
 * for both; with a subscriber that acknowledges after its commit, the queue holds every
 * message in flight to it, so each delivery scanned tens of thousands of entries: 60 % of the
 * broker's CPU, and the longer the backlog the slower the broker, so one never drained (the
 * 1,000-machine plant bench). The answers are those of aedes-persistence's scans: the first
 * entry in queue order that matches.
 */
export class OutgoingQueue {
  private readonly entries = new Map<number, QueuedEntry>();
  private readonly byCounter = new Map<string, Set<QueuedEntry>>();
  /** By packet id; `undefined` gathers the messages not yet sent (aedes asks for those too). */
  private readonly byMessageId = new Map<number | undefined, Set<QueuedEntry>>();
  private nextPlace = 0;

  get size(): number {
    return this.entries.size;
  }

  push(packet: StoredPacket, row: number): QueuedEntry {
    const entry: QueuedEntry = { packet, row, place: this.nextPlace++ };
    this.entries.set(entry.place, entry);
    this.index(entry);
    return entry;
  }

  /** The packets in queue order (a copy: the queue changes while aedes reads it). */
  packets(): StoredPacket[] {
    return Array.from(this.entries.values(), (entry) => entry.packet);
  }

  /**
   * What outgoingUpdate changes for `packet`: the first entry that is the same message (broker
   * id and counter), or that has its packet id and comes from another broker (the publish a
   * pubrel replaces). Packet ids wrap at 65535: the same id with another counter of the same
   * broker is another message.
   */
  findForUpdate(packet: {
    brokerId?: string;
    brokerCounter?: number;
    messageId?: number;
  }): QueuedEntry | undefined {
    const same = earliest(this.byCounter.get(counterKey(packet)));
    let replaced: QueuedEntry | undefined;
    // aedes always asks with a packet id here, so this set is a handful at most.
    for (const entry of this.byMessageId.get(packet.messageId) ?? []) {
      if (entry.packet.brokerId === packet.brokerId) continue;
      if (!replaced || entry.place < replaced.place) replaced = entry;
    }
    if (!same) return replaced;
    if (!replaced) return same;
    return same.place < replaced.place ? same : replaced;
  }

  setMessageId(entry: QueuedEntry, messageId: number | undefined): void {
    this.unindex(entry);
    entry.packet.messageId = messageId;
    this.index(entry);
  }

  /** Puts `packet` in the entry's place (a pubrel for its publish), keeping its row. */
  replace(entry: QueuedEntry, packet: StoredPacket): void {
    this.unindex(entry);
    entry.packet = packet;
    this.index(entry);
  }

  /** Removes and returns the first entry with this packet id. */
  removeByMessageId(messageId: number | undefined): QueuedEntry | undefined {
    const sharing = this.byMessageId.get(messageId);
    // The messages not yet sent can be the whole backlog; they join their set only when
    // pushed (a packet id, once given, is never taken away), so in queue order.
    const entry = messageId === undefined ? sharing?.values().next().value : earliest(sharing);
    if (!entry) return undefined;
    this.unindex(entry);
    this.entries.delete(entry.place);
    return entry;
  }

  private index(entry: QueuedEntry): void {
    addTo(this.byCounter, counterKey(entry.packet), entry);
    addTo(this.byMessageId, entry.packet.messageId, entry);
  }

  private unindex(entry: QueuedEntry): void {
    removeFrom(this.byCounter, counterKey(entry.packet), entry);
    removeFrom(this.byMessageId, entry.packet.messageId, entry);
  }
}

function counterKey(packet: { brokerId?: string; brokerCounter?: number }): string {
  return `${packet.brokerId}\u0000${packet.brokerCounter}`;
}

/**
 * The earliest entry in queue order of a set of entries that share a packet id or a broker
 * counter: a handful at most (a broker counter is unique; a packet id is reused after 65,535
 * others). Not for the messages not yet sent: see removeByMessageId.
 */
function earliest(entries: Set<QueuedEntry> | undefined): QueuedEntry | undefined {
  let found: QueuedEntry | undefined;
  for (const entry of entries ?? []) if (!found || entry.place < found.place) found = entry;
  return found;
}

function addTo<K>(map: Map<K, Set<QueuedEntry>>, key: K, entry: QueuedEntry): void {
  const set = map.get(key);
  if (set) set.add(entry);
  else map.set(key, new Set([entry]));
}

function removeFrom<K>(map: Map<K, Set<QueuedEntry>>, key: K, entry: QueuedEntry): void {
  const set = map.get(key);
  if (!set) return;
  set.delete(entry);
  if (set.size === 0) map.delete(key);
}
