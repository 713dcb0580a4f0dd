import { createRequire } from 'node:module';

/**
 * The pieces of aedes' own in-memory persistence (aedes-persistence 11) that the disk one
 * reuses: its packet class and qlobber's tries. They are loaded from where aedes loads them,
 * so the packets and the topic matching are exactly the ones the in-memory default uses.
 */

/** A packet as aedes stores it (aedes-packet), plus what a stored pubrel or will carries. */
export interface StoredPacket {
  cmd: string;
  topic: string;
  payload: Buffer;
  qos: 0 | 1 | 2;
  retain: boolean;
  dup: boolean;
  messageId?: number;
  brokerId?: string;
  brokerCounter?: number;
  clientId?: string;
  properties?: unknown;
  messageExpiry?: number;
}

/** What a trie match returns: one client's subscription to a topic filter. */
export interface TopicSubscription {
  clientId: string;
  topic: string;
  qos: number;
  rh?: number;
  rap?: number;
  nl?: boolean | number;
}

export interface SubscriptionTrie {
  readonly subscriptionsCount: number;
  add(topic: string, subscription: TopicSubscription): void;
  remove(topic: string, subscription: { clientId: string; topic: string }): void;
  match(topic: string): TopicSubscription[];
}

export interface TopicMatcher {
  add(pattern: string): void;
  test(topic: string): boolean;
}

type PacketClass = new (original: object, broker?: { id: string; counter: number }) => StoredPacket;

interface QlobberOptions {
  wildcard_one: string;
  wildcard_some: string;
  separator: string;
  match_empty_levels: boolean;
}

const fromAedes = createRequire(createRequire(import.meta.url).resolve('aedes'));
const fromPersistence = createRequire(fromAedes.resolve('aedes-persistence'));

export const Packet = fromAedes('aedes-packet') as PacketClass;

const QlobberSub = fromPersistence('qlobber/aedes/qlobber-sub') as new (
  options: QlobberOptions,
) => SubscriptionTrie;
const { QlobberTrue } = fromPersistence('qlobber') as {
  QlobberTrue: new (options: QlobberOptions) => TopicMatcher;
};

/**
 * MQTT says `+` matches an empty level too ([MQTT-4.7.1-3]: `factory/+/M1/test` matches
 * `factory//M1/test`). aedes' own router (mqemitter) is built that way; the in-memory
 * persistence's trie is not (see match-empty-levels.ts), this one is.
 */
const OPTIONS: QlobberOptions = {
  wildcard_one: '+',
  wildcard_some: '#',
  separator: '/',
  match_empty_levels: true,
};

export const subscriptionTrie = (): SubscriptionTrie => new QlobberSub(OPTIONS);

export function topicMatcher(pattern: string): TopicMatcher {
  const matcher = new QlobberTrue(OPTIONS);
  matcher.add(pattern);
  return matcher;
}
