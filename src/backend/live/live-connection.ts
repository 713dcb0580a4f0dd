import type { ApiErrorBody, TopicName } from '../../shared/contract';
import { LiveClientMessage, type LiveServerMessage } from '../../shared/live/live-protocol';
import type { Caller } from '../auth/auth-service';
import type { FeedHandle, LiveHub } from './live-hub';

/** How a connection checks a token: the caller, or why not. */
export type Authenticate = (token: string) => Promise<Caller | { error: ApiErrorBody }>;

/** The transport's side: send a message, or end the connection (token refused). */
export interface LivePeer {
  send(message: LiveServerMessage): void;
  end(reason: ApiErrorBody['code']): void;
}

/**
 * One client connection to the live feed, the same for a WebSocket and an Electron IPC feed:
 * `subscribe` (optionally resuming an earlier feed) opens it, `token` renews the token on the
 * open feed, and closing the transport keeps the feed for a resume. Messages are handled in
 * order, one at a time (checking a token is asynchronous).
 */
export class LiveConnection {
  private feed: FeedHandle | null = null;
  private userId: number | null = null;
  private queue: Promise<void> = Promise.resolve();
  private ended = false;

  constructor(
    private readonly hub: LiveHub,
    private readonly authenticate: Authenticate,
    private readonly peer: LivePeer,
  ) {}

  get subscribed(): boolean {
    return this.feed !== null;
  }

  /** A message from the client, as parsed JSON (WebSocket) or structured clone (IPC). */
  receive(data: unknown): Promise<void> {
    this.queue = this.queue.then(() => this.handle(data));
    return this.queue;
  }

  /** The transport closed: the feed waits for a resume. */
  closed(): void {
    this.ended = true;
    this.feed?.detach();
    this.feed = null;
  }

  private async handle(data: unknown): Promise<void> {
    if (this.ended) return;
    const parsed = LiveClientMessage.safeParse(data);
    if (!parsed.success) {
      this.error('INVALID_INPUT', 'Send {"type":"subscribe","token":"…","topics":["…"]}');
      return;
    }
    const message = parsed.data;
    const caller = await this.authenticate(message.token);
    if (this.ended) return;
    if ('error' in caller) {
      this.refuse(caller.error);
      return;
    }
    if (message.type === 'token') {
      this.renew(caller);
      return;
    }
    this.subscribe(caller, message.topics, message.resume);
  }

  private subscribe(
    caller: Caller,
    wanted: TopicName[],
    resume: { feed: string; seq: number } | undefined,
  ): void {
    const refused = this.hub.refusedTopics(caller, wanted);
    if (refused.length) {
      this.refuse({
        code: 'FORBIDDEN',
        message: `Your role may not follow: ${refused.join(', ')}`,
      });
      return;
    }
    // Subscribing again replaces the feed (other topics, say).
    this.feed?.detach();
    this.userId = caller.user.id;
    this.feed = this.hub.open(
      caller,
      [...new Set(wanted)],
      (message) => this.send(message),
      resume,
    );
  }

  private renew(caller: Caller): void {
    if (!this.feed) {
      this.error('INVALID_INPUT', 'Subscribe before renewing the token');
      return;
    }
    if (caller.user.id !== this.userId) {
      this.refuse({ code: 'FORBIDDEN', message: 'A feed follows one user; subscribe again' });
      return;
    }
    this.feed.setCaller(caller);
    this.send({ type: 'renewed' });
  }

  private send(message: LiveServerMessage): void {
    if (!this.ended) this.peer.send(message);
  }

  private error(code: ApiErrorBody['code'], message: string): void {
    this.send({ type: 'error', error: { code, message } });
  }

  /** A refused token or topic ends the connection; the feed is kept for a later resume. */
  private refuse(error: ApiErrorBody): void {
    this.send({ type: 'error', error });
    this.peer.end(error.code);
    this.closed();
  }
}
