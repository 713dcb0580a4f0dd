import {
  roleHas,
  topics,
  type LiveBatch,
  type TopicName,
  type TopicPayload,
  type TopicSpec,
} from '../../shared/contract';
import type { Caller } from '../auth/auth-service';

/** Default flush rate: five batches a second per subscriber, whatever the message rate. */
export const DEFAULT_FLUSH_MS = 200;
/** At most this many items of an append topic per flush; the rest are counted as dropped. */
const MAX_ITEMS_PER_FLUSH = 500;

interface Queue {
  items: unknown[];
  latest: Map<string, unknown>;
  dropped: number;
}

interface Subscriber {
  caller: Caller;
  topics: Set<TopicName>;
  queues: Map<TopicName, Queue>;
  send: (batches: LiveBatch[]) => void;
}

/**
 * Fans backend events out to live subscribers, each item filtered by the subscriber's role
 * and scope when it is published, and coalesced into a few batches a second, so the
 * renderer never sees one message per MQTT message.
 */
export class LiveHub {
  private readonly subscribers = new Set<Subscriber>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly isSessionLive: (sessionId: string) => boolean,
    private readonly flushMs = DEFAULT_FLUSH_MS,
  ) {}

  /** Topics the caller may not subscribe to are refused by name. */
  refusedTopics(caller: Caller, wanted: TopicName[]): TopicName[] {
    return wanted.filter((topic) => !roleHas(caller.user.role, topics[topic].permission));
  }

  subscribe(caller: Caller, wanted: TopicName[], send: (batches: LiveBatch[]) => void): () => void {
    const subscriber: Subscriber = { caller, topics: new Set(wanted), queues: new Map(), send };
    this.subscribers.add(subscriber);
    this.timer ??= setInterval(() => this.flush(), this.flushMs);
    return () => {
      this.subscribers.delete(subscriber);
      if (this.subscribers.size === 0 && this.timer) {
        clearInterval(this.timer);
        this.timer = null;
      }
    };
  }

  /** A subscriber's user changed (assignments, name): later items use the new scope. */
  updateCaller(userId: number, update: (caller: Caller) => Caller): void {
    for (const subscriber of this.subscribers) {
      if (subscriber.caller.user.id === userId) subscriber.caller = update(subscriber.caller);
    }
  }

  publish<T extends TopicName>(topic: T, payload: TopicPayload<T>): void {
    const spec = topics[topic] as unknown as TopicSpec;
    for (const subscriber of this.subscribers) {
      if (!subscriber.topics.has(topic) || !this.mayReceive(subscriber.caller, spec, payload))
        continue;
      const item = spec.viewFor ? spec.viewFor(payload, subscriber.caller.user) : payload;
      let queue = subscriber.queues.get(topic);
      if (!queue) {
        queue = { items: [], latest: new Map(), dropped: 0 };
        subscriber.queues.set(topic, queue);
      }
      if (spec.coalesce === 'latest') {
        queue.latest.set(spec.keyOf ? spec.keyOf(payload) : '', item);
      } else if (queue.items.length < MAX_ITEMS_PER_FLUSH) {
        queue.items.push(item);
      } else {
        queue.dropped += 1;
      }
    }
  }

  close(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.subscribers.clear();
  }

  private mayReceive(caller: Caller, spec: TopicSpec, payload: unknown): boolean {
    if (!roleHas(caller.user.role, spec.permission)) return false;
    const place = spec.scopeOf(payload);
    if (caller.scope.canSee(place)) return true;
    const unplaced = place.lineId === null && place.machineId === null;
    return (
      unplaced &&
      spec.visibleTo !== undefined &&
      spec.visibleTo(payload, { userId: caller.user.id, username: caller.user.username })
    );
  }

  private flush(): void {
    for (const subscriber of this.subscribers) {
      if (subscriber.queues.size === 0) continue;
      const queues = subscriber.queues;
      subscriber.queues = new Map();
      // A locked or ended session gets nothing; what it missed is fetched again after unlock.
      if (!this.isSessionLive(subscriber.caller.sessionId)) continue;
      const batches: LiveBatch[] = [];
      for (const [topic, queue] of queues) {
        const items = queue.latest.size ? [...queue.latest.values()] : queue.items;
        batches.push({ topic, items, dropped: queue.dropped });
      }
      try {
        subscriber.send(batches);
      } catch {
        this.subscribers.delete(subscriber);
      }
    }
  }
}
