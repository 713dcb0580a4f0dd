import { z } from 'zod';
import { ApiErrorBody, topicNames, type LiveBatch, type TopicName } from '../contract';

/**
 * The live feed's messages, the same over WebSocket (console mode) and Electron IPC (desktop).
 *
 * Every flush of a feed is one numbered frame (`seq`, 1, 2, 3 … per feed). The server keeps
 * the latest frames of each feed for a while, so a client that lost its connection sends
 * `resume` with the feed id and the last number it saw and gets what it missed. When the
 * server cannot fill the gap (too old, restarted, items dropped) it says `resync` instead:
 * the client must load everything again. A renewed token travels on the open feed (`token`).
 */

const Topic = z.enum(topicNames as [TopicName, ...TopicName[]]);
const FeedId = z.string().min(1).max(64);
const Token = z.string().min(1).max(4096);
const Seq = z.number().int().min(0);

export const LiveClientMessage = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('subscribe'),
    token: Token,
    topics: z.array(Topic).min(1),
    /** The feed this client followed before and the last frame it got. */
    resume: z.object({ feed: FeedId, seq: Seq }).optional(),
  }),
  z.object({ type: z.literal('token'), token: Token }),
]);
export type LiveClientMessage = z.infer<typeof LiveClientMessage>;

const Batch = z.object({ topic: Topic, items: z.array(z.unknown()), dropped: z.number() });

export const LiveServerMessage = z.discriminatedUnion('type', [
  /** The feed is open (new or resumed); frames after `seq` follow. */
  z.object({
    type: z.literal('subscribed'),
    feed: FeedId,
    seq: Seq,
    resumed: z.boolean(),
    topics: z.array(Topic),
  }),
  /** One flush. */
  z.object({ type: z.literal('batch'), seq: Seq.min(1), batches: z.array(Batch) }),
  /** What the client holds is incomplete: load everything again; frames after `seq` follow. */
  z.object({ type: z.literal('resync'), feed: FeedId, seq: Seq, reason: z.string() }),
  /** A renewed token was accepted. */
  z.object({ type: z.literal('renewed') }),
  z.object({ type: z.literal('error'), error: ApiErrorBody }),
]);
export type LiveServerMessage = z.infer<typeof LiveServerMessage>;

/** A frame as the hub keeps it: one flush of one feed. */
export interface LiveFrame {
  seq: number;
  batches: LiveBatch[];
}

/** Why the client must load its data again. */
export type ResyncReason = 'gap' | 'dropped' | 'unknown-feed' | 'scope-changed' | 'locked';

/** What a transport tells the ApiClient besides batches. */
export type LiveEvent =
  | { kind: 'batches'; batches: LiveBatch[] }
  /** The feed is open; `resumed` false after a reconnect means a resync follows. */
  | { kind: 'connected' }
  | { kind: 'lost' }
  | { kind: 'resync'; reason: string }
  | { kind: 'refused'; error: ApiErrorBody };

/** WebSocket close code: the token was refused (first subscribe or a renewal). */
export const LIVE_CLOSE_UNAUTHENTICATED = 4401;
