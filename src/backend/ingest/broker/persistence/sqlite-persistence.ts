import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import {
  Packet,
  subscriptionTrie,
  topicMatcher,
  type StoredPacket,
  type SubscriptionTrie,
  type TopicSubscription,
} from './aedes-parts';
import { BrokerJournal, type Durability, type SubscriptionRecord } from './broker-journal';
import { HeldMessages } from './held-messages';
import { OutgoingQueue } from './outgoing-queue';

interface BrokerLike {
  id: string;
}
interface ClientLike {
  id: string;
}
interface Subscription extends SubscriptionRecord {
  topic: string;
}

export interface SqlitePersistenceOptions {
  /** The file (created if missing), e.g. `broker.sqlite` in the data folder. */
  file: string;
  durability?: Durability;
}

/**
 * An aedes persistence on disk: what aedes' in-memory default keeps (aedes-persistence 11,
 * `asyncPersistence.js`, whose structure and semantics this follows), kept in memory the same
 * way and written to a SQLite file (BrokerJournal), so that sessions, subscriptions, queued
 * QoS 1 and 2 messages, retained messages and wills survive the broker being killed or the
 * power going. Every call that aedes waits for before it answers a client (SUBACK, PUBREC,
 * PUBCOMP, CONNACK) resolves only once its change is committed. What may be lost without harm
 * is not waited for: a QoS 1 message's new packet id, and the removal of an acknowledged
 * message (after a crash it is sent again, as QoS 1 allows).
 *
 * aedes answers a QoS 1 PUBLISH before it stores the message, so `holdUntilDurable` (called
 * from authorizePublish, see embedded-broker.ts) stores it first; see held-messages.ts.
 */
export class SqlitePersistence {
  readonly #journal: BrokerJournal;
  // topic -> packet
  #retained = new Map<string, StoredPacket>();
  // clientId -> (topic -> subscription)
  readonly #subscriptions = new Map<string, Map<string, SubscriptionRecord>>();
  // clientId -> queued packets, each with its row in the file
  readonly #outgoing = new Map<string, OutgoingQueue>();
  // clientId -> (messageId -> packet)
  readonly #incoming = new Map<string, Map<number, StoredPacket>>();
  readonly #wills = new Map<string, StoredPacket>();
  readonly #trie: SubscriptionTrie = subscriptionTrie();
  readonly #held = new HeldMessages((row) => this.#journal.deleteOutgoing(row));
  /** The last enqueue's completion: each one completes after those aedes called before it. */
  #enqueued: Promise<void> = Promise.resolve();
  #clientsCount = 0;
  #nextRow = 1;
  #broker: BrokerLike | null = null;
  #destroyed = false;

  constructor(options: SqlitePersistenceOptions) {
    this.#journal = new BrokerJournal(options.file, options.durability);
  }

  get broker(): BrokerLike | null {
    return this.#broker;
  }

  /** Called by aedes when it starts: reads the file back into memory. */
  async setup(broker: BrokerLike): Promise<void> {
    this.#broker = broker;
    const stored = this.#journal.load();
    for (const { clientId, topic, record } of stored.subscriptions) {
      this.#addSubscription(clientId, { topic, ...record });
    }
    // Broker ids and counters belong to the broker that queued a message; a restored
    // message gets ids of its own, unique per row (aedes finds queued messages by them).
    const restoredBy = `restored-${randomUUID()}`;
    for (const { row, clientId, packet } of stored.outgoing) {
      if (packet.cmd === 'publish') {
        packet.brokerId = restoredBy;
        packet.brokerCounter = row;
      }
      this.#queue(clientId).push(packet, row);
    }
    this.#nextRow = stored.lastOutgoingRow + 1;
    for (const { clientId, packet } of stored.incoming) {
      this.#incomingOf(clientId).set(packet.messageId ?? 0, packet);
    }
    for (const packet of stored.retained) this.#retained.set(packet.topic, packet);
    for (const { clientId, packet } of stored.wills) this.#wills.set(clientId, packet);
  }

  /**
   * Stores a QoS 1 message a client published, for every session it will be queued for, and
   * resolves once that is on disk: only then may aedes answer PUBACK. When aedes then
   * publishes it, storeRetained and outgoingEnqueueCombi take these rows instead of writing.
   */
  async holdUntilDurable(packet: StoredPacket): Promise<void> {
    const copy = new Packet(packet);
    const rows = new Map<string, number[]>();
    for (const subscription of this.#trie.match(packet.topic)) {
      const row = this.#nextRow++;
      this.#journal.putOutgoing(row, subscription.clientId, copy);
      const list = rows.get(subscription.clientId);
      if (list) list.push(row);
      else rows.set(subscription.clientId, [row]);
    }
    if (packet.retain) this.#journalRetained({ ...copy });
    this.#held.add(packet, rows);
    await this.#journal.durable();
  }

  async storeRetained(packet: StoredPacket): Promise<void> {
    const copy = { ...packet };
    if (packet.payload.length === 0) this.#retained.delete(packet.topic);
    else this.#retained.set(packet.topic, copy);
    if (this.#held.retainedWritten(packet)) return;
    this.#journalRetained(copy);
    await this.#journal.durable();
  }

  #journalRetained(packet: StoredPacket): void {
    if (packet.payload.length === 0) this.#journal.deleteRetained(packet.topic);
    else this.#journal.putRetained(packet.topic, packet);
  }

  createRetainedStreamCombi(patterns: string[]): Readable {
    return Readable.from(patterns.flatMap((pattern) => this.#retainedMatching(pattern)));
  }

  createRetainedStream(pattern: string): Readable {
    return Readable.from(this.#retainedMatching(pattern));
  }

  #retainedMatching(pattern: string): StoredPacket[] {
    const matcher = topicMatcher(pattern);
    return [...this.#retained].filter(([topic]) => matcher.test(topic)).map(([, packet]) => packet);
  }

  async addSubscriptions(client: ClientLike, subs: Subscription[]): Promise<void> {
    for (const sub of subs) {
      const record = this.#addSubscription(client.id, sub);
      this.#journal.putSubscription(client.id, sub.topic, record);
    }
    await this.#journal.durable();
  }

  #addSubscription(clientId: string, sub: Subscription): SubscriptionRecord {
    let stored = this.#subscriptions.get(clientId);
    if (!stored) {
      stored = new Map();
      this.#subscriptions.set(clientId, stored);
      this.#clientsCount++;
    }
    const previous = stored.get(sub.topic);
    const record: SubscriptionRecord = { qos: sub.qos, rh: sub.rh, rap: sub.rap, nl: sub.nl };
    // MQTT 5 subscription identifier: kept with the client's record only when present (the
    // trie keeps { qos, rh, rap, nl }), as the in-memory persistence does.
    if (sub.subscriptionIdentifier !== undefined) {
      record.subscriptionIdentifier = sub.subscriptionIdentifier;
    }
    if (sub.qos > 0) {
      this.#trie.add(sub.topic, {
        clientId,
        topic: sub.topic,
        qos: sub.qos,
        rh: sub.rh,
        rap: sub.rap,
        nl: sub.nl,
      });
    } else if ((previous?.qos ?? 0) > 0) {
      this.#trie.remove(sub.topic, { clientId, topic: sub.topic });
    }
    stored.set(sub.topic, record);
    return record;
  }

  async removeSubscriptions(client: ClientLike, topics: string[]): Promise<void> {
    const stored = this.#subscriptions.get(client.id);
    if (!stored) return;
    for (const topic of topics) {
      const record = stored.get(topic);
      if (record === undefined) continue;
      if (record.qos > 0) this.#trie.remove(topic, { clientId: client.id, topic });
      stored.delete(topic);
      this.#journal.deleteSubscription(client.id, topic);
    }
    if (stored.size === 0) {
      this.#clientsCount--;
      this.#subscriptions.delete(client.id);
    }
    await this.#journal.durable();
  }

  async subscriptionsByClient(client: ClientLike): Promise<Subscription[]> {
    const stored = this.#subscriptions.get(client.id);
    return stored ? [...stored].map(([topic, record]) => ({ topic, ...record })) : [];
  }

  async countOffline(): Promise<{ subsCount: number; clientsCount: number }> {
    return { subsCount: this.#trie.subscriptionsCount, clientsCount: this.#clientsCount };
  }

  async subscriptionsByTopic(topic: string): Promise<TopicSubscription[]> {
    return this.#trie.match(topic);
  }

  async cleanSubscriptions(client: ClientLike): Promise<void> {
    const stored = this.#subscriptions.get(client.id);
    if (!stored) return;
    for (const [topic, record] of stored) {
      if (record.qos > 0) this.#trie.remove(topic, { clientId: client.id, topic });
      this.#journal.deleteSubscription(client.id, topic);
    }
    this.#clientsCount--;
    this.#subscriptions.delete(client.id);
    await this.#journal.durable();
  }

  async outgoingEnqueue(sub: { clientId: string }, packet: StoredPacket): Promise<void> {
    await this.outgoingEnqueueCombi([sub], packet);
  }

  async outgoingEnqueueCombi(subs: { clientId: string }[], packet: StoredPacket): Promise<void> {
    const held = this.#held.take(packet);
    let written = false;
    for (const sub of subs) {
      const queued = new Packet(packet);
      const heldRow = held?.rowFor(sub.clientId);
      const row = heldRow ?? this.#nextRow++;
      if (heldRow === undefined) {
        this.#journal.putOutgoing(row, sub.clientId, queued);
        written = true;
      }
      this.#queue(sub.clientId).push(queued, row);
    }
    // Sessions that were gone by the time aedes published it: their held rows go.
    for (const row of held?.unused() ?? []) this.#journal.deleteOutgoing(row);
    // aedes routes a message once this resolves, and each client drops a message whose broker
    // counter is lower than one it was already sent (aedes' dedupe, lib/client.js). So no
    // enqueue may complete before one called earlier: a message that waits for its rows to be
    // committed (a client's QoS 2 message, which is not held) would otherwise be overtaken by
    // the held QoS 1 message after it, and then never delivered to anyone.
    const previous = this.#enqueued;
    const durable = written ? this.#journal.durable() : Promise.resolve();
    const done = Promise.all([previous, durable]).then(() => undefined);
    // A failed commit fails its own enqueue only, not the ones after it.
    this.#enqueued = done.catch(() => undefined);
    await done;
  }

  async outgoingUpdate(client: ClientLike, packet: StoredPacket): Promise<void> {
    const queue = this.#queue(client.id);
    const entry = queue.findForUpdate(packet);
    if (!entry) throw new Error('no such packet');
    if (entry.packet.brokerId === packet.brokerId) {
      queue.setMessageId(entry, packet.messageId);
      // A QoS 1 message's packet id need not survive a crash: it is resent with a new one,
      // which costs QoS 1 nothing. QoS 2 keeps its id (the receiver deduplicates by it).
      if (entry.packet.qos < 2) return;
    } else {
      // A pubrel replaces the publish it follows (QoS 2).
      queue.replace(entry, packet);
    }
    this.#journal.putOutgoing(entry.row, client.id, entry.packet);
    return this.#journal.durable();
  }

  async outgoingClearMessageId(
    client: ClientLike,
    packet: { messageId?: number },
  ): Promise<StoredPacket | undefined> {
    const removed = this.#queue(client.id).removeByMessageId(packet.messageId);
    if (!removed) return undefined;
    // Not waited for: if the removal is lost with the broker, the message is sent again.
    this.#journal.deleteOutgoing(removed.row);
    return removed.packet;
  }

  outgoingStream(client: ClientLike): Readable {
    // A copy: the queue changes while aedes reads it.
    return Readable.from(this.#outgoing.get(client.id)?.packets() ?? []);
  }

  async incomingStorePacket(client: ClientLike, packet: StoredPacket): Promise<void> {
    const stored = new Packet(packet);
    stored.messageId = packet.messageId;
    this.#incomingOf(client.id).set(packet.messageId ?? 0, stored);
    this.#journal.putIncoming(client.id, packet.messageId ?? 0, stored);
    await this.#journal.durable();
  }

  async incomingGetPacket(client: ClientLike, packet: StoredPacket): Promise<StoredPacket> {
    const stored = this.#incoming.get(client.id)?.get(packet.messageId ?? 0);
    if (!stored) throw new Error('no such packet');
    return stored;
  }

  async incomingDelPacket(client: ClientLike, packet: StoredPacket): Promise<void> {
    const stored = this.#incoming.get(client.id);
    if (!stored?.delete(packet.messageId ?? 0)) throw new Error('no such packet');
    this.#journal.deleteIncoming(client.id, packet.messageId ?? 0);
    await this.#journal.durable();
  }

  async cleanIncoming(client: ClientLike): Promise<void> {
    const stored = this.#incoming.get(client.id);
    if (!stored) return;
    for (const messageId of stored.keys()) this.#journal.deleteIncoming(client.id, messageId);
    this.#incoming.delete(client.id);
    await this.#journal.durable();
  }

  async putWill(client: ClientLike, packet: StoredPacket): Promise<ClientLike> {
    packet.brokerId = this.#broker?.id;
    packet.clientId = client.id;
    this.#wills.set(client.id, packet);
    this.#journal.putWill(client.id, packet);
    await this.#journal.durable();
    return client;
  }

  async getWill(client: ClientLike): Promise<StoredPacket | undefined> {
    return this.#wills.get(client.id);
  }

  async delWill(client: ClientLike): Promise<StoredPacket | undefined> {
    const will = this.#wills.get(client.id);
    if (!will) return undefined;
    this.#wills.delete(client.id);
    this.#journal.deleteWill(client.id);
    await this.#journal.durable();
    return will;
  }

  streamWill(brokers: Record<string, unknown> = {}): Readable {
    return Readable.from([...this.#wills.values()].filter((will) => !brokers[will.brokerId ?? '']));
  }

  getClientList(topic: string): Readable {
    return Readable.from(
      [...this.#subscriptions].filter(([, topics]) => topics.has(topic)).map(([id]) => id),
    );
  }

  /** Commits what is pending and closes the file. */
  async destroy(): Promise<void> {
    if (this.#destroyed) throw new Error('destroyed called twice!');
    this.#destroyed = true;
    this.#held.stop();
    await this.#journal.close();
    this.#retained = new Map();
  }

  #queue(clientId: string): OutgoingQueue {
    let queue = this.#outgoing.get(clientId);
    if (!queue) this.#outgoing.set(clientId, (queue = new OutgoingQueue()));
    return queue;
  }

  #incomingOf(clientId: string): Map<number, StoredPacket> {
    let stored = this.#incoming.get(clientId);
    if (!stored) this.#incoming.set(clientId, (stored = new Map()));
    return stored;
  }
}
