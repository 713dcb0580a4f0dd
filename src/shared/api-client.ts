import type { ApiErrorBody, MethodInput, MethodName, MethodOutput } from './contract';
import type { LiveHandle } from './live/live-client';
import type { LiveEvent } from './live/live-protocol';
import {
  roleHas,
  topicNames,
  topics,
  type Role,
  type TopicName,
  type TopicPayload,
} from './contract';

/** Every live topic a role may follow. */
export function topicsFor(role: Role): TopicName[] {
  return topicNames.filter((topic) => roleHas(role, topics[topic].permission));
}

/** The result of one call, whatever carried it. */
export type CallResult = { ok: true; value: unknown } | { ok: false; error: ApiErrorBody };

/**
 * What a transport must do: carry a call, and carry live batches. Electron IPC and
 * HTTP + WebSocket both implement it; the renderer only ever sees ApiClient below.
 */
export interface Transport {
  call(method: MethodName, input: unknown, token: string | null): Promise<CallResult>;
  /** Opens the live feed; it reconnects and resumes by itself until closed (LiveClient). */
  openLive(token: string, topics: TopicName[], onEvent: (event: LiveEvent) => void): LiveHandle;
}

export class ApiError extends Error {
  constructor(public readonly body: ApiErrorBody) {
    super(body.message);
    this.name = 'ApiError';
  }
  get code(): ApiErrorBody['code'] {
    return this.body.code;
  }
}

type Listener = (items: unknown[]) => void;

/** What the feed says about itself: connected, lost, or "load everything again". */
export type LiveStatusEvent = Exclude<LiveEvent, { kind: 'batches' }>;

/** The typed client: `await api.call('accounts.list', {})`. Holds the session token. */
export class ApiClient {
  private token: string | null = null;
  private listeners = new Map<TopicName, Set<Listener>>();
  private live: LiveHandle | null = null;
  private liveRole: Role | null = null;
  private readonly statusListeners = new Set<(event: LiveStatusEvent) => void>();
  /** The topics the open feed carries; it only grows during a session (see setToken). */
  private subscribed = new Set<TopicName>();
  /** Called when the backend says the session is gone or idle-locked. */
  onSessionProblem: ((code: ApiErrorBody['code']) => void) | null = null;

  constructor(private readonly transport: Transport) {}

  /**
   * Follows a new session. With the role known, the feed subscribes at once to every topic the
   * role may follow and stays open for the whole session: re-opening it whenever a page adds a
   * listener would lose whatever arrived in between (an alert that should have rung).
   */
  setToken(token: string | null, role: Role | null = null): void {
    const renewal = this.live !== null && token !== null && role === this.liveRole;
    this.token = token;
    if (renewal) {
      // Same session, same topics: the new token travels on the open feed, nothing is missed.
      this.live?.renew(token);
      return;
    }
    this.liveRole = role;
    this.subscribed = new Set(token && role ? topicsFor(role) : []);
    this.reopenLive();
  }

  /** Follows the feed's state (connected, lost, resync); returns an unsubscriber. */
  onLiveStatus(listener: (event: LiveStatusEvent) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  getToken(): string | null {
    return this.token;
  }

  async call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
    const result = await this.transport.call(method, input, this.token);
    if (result.ok) return result.value as MethodOutput<M>;
    if (result.error.code === 'UNAUTHENTICATED' || result.error.code === 'SESSION_LOCKED') {
      this.onSessionProblem?.(result.error.code);
    }
    throw new ApiError(result.error);
  }

  /** Listens to a live topic; the feed is shared by all listeners and follows the token. */
  on<T extends TopicName>(topic: T, listener: (items: TopicPayload<T>[]) => void): () => void {
    let set = this.listeners.get(topic);
    if (!set) {
      set = new Set();
      this.listeners.set(topic, set);
    }
    set.add(listener as Listener);
    if (!this.subscribed.has(topic)) {
      this.subscribed.add(topic);
      this.reopenLive();
    }
    return () => {
      set.delete(listener as Listener);
    };
  }

  private reopenLive(): void {
    this.live?.close();
    this.live = null;
    const wanted = [...this.subscribed];
    if (!this.token || wanted.length === 0) return;
    this.live = this.transport.openLive(this.token, wanted, (event) => {
      if (event.kind !== 'batches') {
        for (const listener of this.statusListeners) listener(event);
        return;
      }
      for (const batch of event.batches) {
        for (const listener of this.listeners.get(batch.topic) ?? []) listener(batch.items);
      }
    });
  }
}
