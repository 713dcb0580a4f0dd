/**
 * The raw reference subscriber in a process of its own (forked by raw-subscriber.ts), as
 * Linewatch's subscriber is in a process of its own: in the bench's process it had shared one
 * event loop with the publisher (about 27 µs per message for both), which capped the "raw" pace
 * at what one core gives the two of them rather than what the broker delivers.
 *
 * Protocol over IPC: the parent sends `connect`, then `expect` before each burst; the child
 * answers `ready` to each, and `done` with the time (ms since the epoch, sub-millisecond) the
 * expected count had arrived.
 */
import mqtt from 'mqtt';

export type ToRawSubscriber =
  | { kind: 'connect'; url: string; topicRoot: string; clean: boolean }
  | { kind: 'expect'; count: number };
export type FromRawSubscriber =
  { kind: 'ready' } | { kind: 'done'; atEpochMs: number } | { kind: 'failed'; message: string };

const send = (message: FromRawSubscriber) => process.send?.(message);
let received = 0;
let wanted = 0;

process.on('message', (raw: ToRawSubscriber) => {
  if (raw.kind === 'expect') {
    received = 0;
    wanted = raw.count;
    send({ kind: 'ready' });
    return;
  }
  void mqtt
    .connectAsync(raw.url, {
      clientId: `bench-raw-${raw.topicRoot}-${Date.now()}`,
      clean: raw.clean,
      protocolVersion: 4,
    })
    .then(async (subscriber) => {
      subscriber.on('message', () => {
        received += 1;
        if (received === wanted) {
          send({ kind: 'done', atEpochMs: performance.timeOrigin + performance.now() });
        }
      });
      process.once('disconnect', () => void subscriber.endAsync(true).then(() => process.exit(0)));
      await subscriber.subscribeAsync(`${raw.topicRoot}/+/+/test`, { qos: 1 });
      send({ kind: 'ready' });
    })
    .catch((error: unknown) => send({ kind: 'failed', message: String(error) }));
});
