import { randomUUID } from 'node:crypto';
import {
  roleHas,
  topics,
  type LiveBatch,
  type TopicName,
  type TopicPayload,
  type TopicSpec,
} from '../../shared/contract';
import type { LiveServerMessage, ResyncReason } from '../../shared/live/live-protocol';
import type { Caller } from '../auth/auth-service';
import { FrameBuffer } from './frame-buffer';
import { systemClock } from '../../shared/clock';

/** Default flush rate: five batches a second per subscriber, whatever the message rate. */
export const DEFAULT_FLUSH_MS = 200;
/** At most this many items of an append topic per flush; the rest are counted as dropped. */
const MAX_ITEMS_PER_FLUSH = 500;
/** A feed whose connection dropped is kept (and keeps collecting) this long for a resume. */
export const DEFAULT_RESUME_WINDOW_MS = 120_000;
/** At most this many frames are kept per feed for a resume (10 minutes at 5 a second). */
export const DEFAULT_RESUME_FRAMES = 600;
/** Feeds without a connection kept at once, across all users; the oldest goes first. */
const MAX_DETACHED_FEEDS = 500;

export interface LiveHubOptions {
  flushMs?: number;
  now?: () => number;
  resumeWindowMs?: number;
  resumeFrames?: number;
}

interface Queue {
  items: unknown[];
  latest: Map<string, unknown>;
  dropped: number;
}

type Send = (message: LiveServerMessage) => void;

/** One subscription: its own numbering, its own scope-filtered buffer of recent frames. */
interface Feed {
  id: string;
  caller: Caller;
  topics: Set<TopicName>;
  queues: Map<TopicName, Queue>;
  frames: FrameBuffer;
  /** The connection it is sent to; null while the client is away (frames are still kept). */
  send: Send | null;
  detachedAt: number | null;
  /** Items were lost while nobody could be told (locked session): say resync when possible. */
  pendingResync: ResyncReason | null;
}

/** What the connection holds of its feed. */
export interface FeedHandle {
  readonly feedId: string;
  /** The client went away: the feed is kept for a resume within the window. */
  detach(): void;
  /** A renewed token: later items use this caller's scope. */
  setCaller(caller: Caller): void;
}

/**
 * Fans backend events out to live feeds, each item filtered by the subscriber's role and scope
 * when it is published, coalesced into a few numbered frames a second, so the renderer never
 * sees one message per MQTT message, and kept for a while so a reconnecting client can resume.
 */
export class LiveHub {
  private readonly feeds = new Map<string, Feed>();
  private timer: NodeJS.Timeout | null = null;
  private readonly flushMs: number;
  private readonly now: () => number;
  private readonly resumeWindowMs: number;
  private readonly resumeFrames: number;

  constructor(
    private readonly isSessionLive: (sessionId: string) => boolean,
    options: LiveHubOptions = {},
  ) {
    this.flushMs = options.flushMs ?? DEFAULT_FLUSH_MS;
    this.now = options.now ?? systemClock;
    this.resumeWindowMs = options.resumeWindowMs ?? DEFAULT_RESUME_WINDOW_MS;
    this.resumeFrames = options.resumeFrames ?? DEFAULT_RESUME_FRAMES;
  }

  /** Topics the caller may not subscribe to are refused by name. */
  refusedTopics(caller: Caller, wanted: TopicName[]): TopicName[] {
    return wanted.filter((topic) => !roleHas(caller.user.role, topics[topic].permission));
  }

  /**
   * Opens a feed, or resumes the one named in `resume`: the frames the client missed are sent
   * at once. When they cannot be (unknown feed, too old, dropped items), a new feed starts and
   * the client is told to resync. Sends `subscribed` (and `resync`) before any frame.
   */
  open(
    caller: Caller,
    wanted: TopicName[],
    send: Send,
    resume?: { feed: string; seq: number },
  ): FeedHandle {
    const resumed = resume ? this.tryResume(caller, wanted, send, resume) : null;
    if (resumed) return this.handle(resumed, send);

    const feed: Feed = {
      id: randomUUID(),
      caller,
      topics: new Set(wanted),
      queues: new Map(),
      frames: new FrameBuffer(this.resumeFrames, this.resumeWindowMs),
      send,
      detachedAt: null,
      pendingResync: null,
    };
    this.feeds.set(feed.id, feed);
    this.timer ??= setInterval(() => this.flush(), this.flushMs);
    send({ type: 'subscribed', feed: feed.id, seq: 0, resumed: false, topics: wanted });
    if (resume)
      send({ type: 'resync', feed: feed.id, seq: 0, reason: this.whyNot(resume, caller) });
    return this.handle(feed, send);
  }

  /** A subscriber's user changed (assignments, name): later items use the new scope. */
  updateCaller(userId: number, update: (caller: Caller) => Caller): void {
    for (const feed of this.feeds.values()) {
      if (feed.caller.user.id !== userId) continue;
      feed.caller = update(feed.caller);
      // Kept frames were filtered with the old scope: a resume must not replay them.
      feed.frames.forgetAll();
    }
  }

  publish<T extends TopicName>(topic: T, payload: TopicPayload<T>): void {
    const spec = topics[topic] as unknown as TopicSpec;
    for (const feed of this.feeds.values()) {
      if (!feed.topics.has(topic) || !this.mayReceive(feed.caller, spec, payload)) continue;
      // What this user may read of the item (a role's narrowed view, e.g. no counters).
      const item = spec.viewFor ? spec.viewFor(payload, feed.caller.user) : payload;
      let queue = feed.queues.get(topic);
      if (!queue) {
        queue = { items: [], latest: new Map(), dropped: 0 };
        feed.queues.set(topic, queue);
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

  /** Feeds open or kept for a resume (tests, health). */
  get size(): number {
    return this.feeds.size;
  }

  close(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.feeds.clear();
  }

  private handle(feed: Feed, send: Send): FeedHandle {
    return {
      feedId: feed.id,
      detach: () => {
        if (feed.send !== send) return; // a resume on another connection took it over
        feed.send = null;
        feed.detachedAt = this.now();
        this.limitDetached();
      },
      setCaller: (caller) => {
        const scopeChanged = scopeKey(caller) !== scopeKey(feed.caller);
        feed.caller = caller;
        if (scopeChanged) feed.frames.forgetAll();
      },
    };
  }

  private tryResume(
    caller: Caller,
    wanted: TopicName[],
    send: Send,
    resume: { feed: string; seq: number },
  ): Feed | null {
    const feed = this.feeds.get(resume.feed);
    if (feed && this.expired(feed, this.now())) this.feeds.delete(feed.id);
    if (!feed || !this.feeds.has(feed.id) || !this.sameFeed(feed, caller, wanted)) return null;
    const missed = feed.frames.after(resume.seq, feed.frames.lastSeq);
    if (missed === null) return null;
    feed.caller = caller;
    feed.send = send;
    feed.detachedAt = null;
    send({ type: 'subscribed', feed: feed.id, seq: resume.seq, resumed: true, topics: wanted });
    for (const frame of missed) send({ type: 'batch', seq: frame.seq, batches: frame.batches });
    return feed;
  }

  private whyNot(resume: { feed: string; seq: number }, caller: Caller): string {
    const feed = this.feeds.get(resume.feed);
    if (!feed || feed.caller.user.id !== caller.user.id) return 'unknown-feed';
    if (scopeKey(feed.caller) !== scopeKey(caller)) return 'scope-changed';
    return 'gap';
  }

  private sameFeed(feed: Feed, caller: Caller, wanted: TopicName[]): boolean {
    // Kept frames were filtered for the feed's scope: only the same user with the same scope.
    if (feed.caller.user.id !== caller.user.id || scopeKey(feed.caller) !== scopeKey(caller))
      return false;
    return wanted.length === feed.topics.size && wanted.every((topic) => feed.topics.has(topic));
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

  private expired(feed: Feed, now: number): boolean {
    return feed.detachedAt !== null && now - feed.detachedAt > this.resumeWindowMs;
  }

  private limitDetached(): void {
    const detached = [...this.feeds.values()].filter((feed) => feed.detachedAt !== null);
    detached.sort((a, b) => (a.detachedAt ?? 0) - (b.detachedAt ?? 0));
    for (const feed of detached.slice(0, Math.max(0, detached.length - MAX_DETACHED_FEEDS))) {
      this.feeds.delete(feed.id);
    }
  }

  private flush(): void {
    const now = this.now();
    for (const feed of [...this.feeds.values()]) {
      if (this.expired(feed, now)) {
        this.feeds.delete(feed.id);
        continue;
      }
      this.flushFeed(feed, now);
    }
    if (this.feeds.size === 0 && this.timer) {
      clearInterval(this.timer);
      this.timer = null;
    }
  }

  private flushFeed(feed: Feed, now: number): void {
    const queues = feed.queues;
    feed.queues = new Map();
    if (!this.isSessionLive(feed.caller.sessionId)) {
      // A locked or ended session gets nothing; after unlock it is told to load again.
      if (queues.size > 0) {
        feed.pendingResync = 'locked';
        feed.frames.forgetAll();
      }
      return;
    }
    if (feed.pendingResync && feed.send) {
      const reason = feed.pendingResync;
      feed.pendingResync = null;
      this.deliver(feed, { type: 'resync', feed: feed.id, seq: feed.frames.lastSeq, reason });
    }
    if (queues.size === 0) return;
    const batches: LiveBatch[] = [];
    let dropped = 0;
    for (const [topic, queue] of queues) {
      const items = queue.latest.size ? [...queue.latest.values()] : queue.items;
      batches.push({ topic, items, dropped: queue.dropped });
      dropped += queue.dropped;
    }
    const seq = feed.frames.push(batches, now);
    this.deliver(feed, { type: 'batch', seq, batches });
    if (dropped > 0) {
      // Lost items cannot be replayed: nobody may resume across this frame, and the client
      // that got it must load again.
      feed.frames.forgetAll();
      this.deliver(feed, { type: 'resync', feed: feed.id, seq, reason: 'dropped' });
    }
  }

  private deliver(feed: Feed, message: LiveServerMessage): void {
    if (!feed.send) return;
    try {
      feed.send(message);
    } catch {
      feed.send = null;
      feed.detachedAt = this.now();
    }
  }
}

/** Role and assignments: what decides which items a caller's feed holds. */
function scopeKey(caller: Caller): string {
  const { role, assignments } = caller.user;
  return JSON.stringify([role, [...assignments.lines].sort(), [...assignments.machines].sort()]);
}
