import type { TopicName } from '../contract';
import { LiveServerMessage, type LiveClientMessage, type LiveEvent } from './live-protocol';

/** One physical connection (a WebSocket, an IPC channel) as LiveClient drives it. */
export interface LiveLink {
  send(message: LiveClientMessage): void;
  close(): void;
}

export interface LinkHandlers {
  /** The link can carry messages now. */
  onOpen(): void;
  onMessage(data: unknown): void;
  /** The link is gone (closed by the server, dropped, or never opened). */
  onClose(): void;
}

export type Connect = (handlers: LinkHandlers) => LiveLink;

/** What the ApiClient holds of an open feed. */
export interface LiveHandle {
  /** A renewed token: sent on the open feed, or used at the next reconnect. */
  renew(token: string): void;
  close(): void;
}

const FIRST_RETRY_MS = 1_000;
const MAX_RETRY_MS = 30_000;

/**
 * The client side of the live protocol, the same for WebSocket and Electron IPC: keeps one
 * link open until closed, reconnects with a doubling delay, resumes the feed from the last
 * frame number it saw, renews the token on the open link, and turns every hole it learns of
 * (a server `resync`, a jump in the numbering) into one `resync` event.
 */
export class LiveClient implements LiveHandle {
  private link: LiveLink | null = null;
  private feed: string | null = null;
  private seq = 0;
  private token: string;
  private connected = false;
  private lostSent = false;
  private closedByUs = false;
  /** The server refused the token: wait for a new one instead of retrying. */
  private refused = false;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private retryDelay = FIRST_RETRY_MS;

  constructor(
    private readonly connect: Connect,
    token: string,
    private readonly topics: TopicName[],
    private readonly onEvent: (event: LiveEvent) => void,
  ) {
    this.token = token;
    this.open();
  }

  renew(token: string): void {
    this.token = token;
    if (this.connected) this.link?.send({ type: 'token', token });
    else if (this.refused) {
      this.refused = false;
      this.retryDelay = FIRST_RETRY_MS;
      this.scheduleRetry();
    }
  }

  close(): void {
    this.closedByUs = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.link?.close();
    this.link = null;
  }

  private open(): void {
    let link: LiveLink | null = null;
    let gone = false;
    link = this.connect({
      onOpen: () => {
        if (gone) return;
        const resume = this.feed ? { feed: this.feed, seq: this.seq } : undefined;
        link?.send({ type: 'subscribe', token: this.token, topics: this.topics, resume });
      },
      onMessage: (data) => {
        if (!gone) this.receive(data);
      },
      onClose: () => {
        if (gone) return;
        gone = true;
        if (this.link === link) this.link = null;
        this.dropped();
      },
    });
    this.link = link;
  }

  private receive(data: unknown): void {
    const parsed = LiveServerMessage.safeParse(data);
    if (!parsed.success) return;
    const message = parsed.data;
    switch (message.type) {
      case 'subscribed':
        this.feed = message.feed;
        this.seq = message.seq;
        this.connected = true;
        this.lostSent = false;
        this.retryDelay = FIRST_RETRY_MS;
        this.onEvent({ kind: 'connected' });
        return;
      case 'batch':
        if (message.seq <= this.seq) return; // already had it (a replay overlapping)
        if (message.seq > this.seq + 1) this.onEvent({ kind: 'resync', reason: 'gap' });
        this.seq = message.seq;
        this.onEvent({ kind: 'batches', batches: message.batches });
        return;
      case 'resync':
        this.feed = message.feed;
        this.seq = message.seq;
        this.onEvent({ kind: 'resync', reason: message.reason });
        return;
      case 'renewed':
        return;
      case 'error':
        if (message.error.code === 'UNAUTHENTICATED' || message.error.code === 'SESSION_LOCKED') {
          // The server ends the feed; an IPC link never says so itself, so end it here.
          this.refused = true;
          this.connected = false;
          this.link?.close();
          this.link = null;
        }
        this.onEvent({ kind: 'refused', error: message.error });
        return;
    }
  }

  private dropped(): void {
    this.connected = false;
    // A refused token is a session matter (lock screen, login), not an unreachable backend.
    if (this.closedByUs || this.refused) return;
    if (!this.lostSent) {
      this.lostSent = true;
      this.onEvent({ kind: 'lost' });
    }
    this.scheduleRetry();
  }

  private scheduleRetry(): void {
    if (this.closedByUs || this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (!this.closedByUs) this.open();
    }, this.retryDelay);
    this.retryDelay = Math.min(this.retryDelay * 2, MAX_RETRY_MS);
  }
}
