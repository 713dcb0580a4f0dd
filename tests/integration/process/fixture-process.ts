/**
 * A minimal background process for the supervisor's tests: it answers "ready", crashes on
 * request (an exception nobody catches), or ignores SIGTERM, like a hung one would.
 */
import { parentChannel } from '../../../src/backend/process/parent-channel';

type In = { kind: 'hello' } | { kind: 'crash' } | { kind: 'ignore-sigterm' };
const { send, onMessage } = parentChannel<In, { kind: 'ready' | 'ignoring' }>();

onMessage((message) => {
  if (message.kind === 'hello') send({ kind: 'ready' });
  if (message.kind === 'crash') {
    setTimeout(() => {
      throw new Error('a bug nobody caught');
    }, 0);
  }
  if (message.kind === 'ignore-sigterm') {
    process.on('SIGTERM', () => undefined);
    process.removeAllListeners('disconnect');
    send({ kind: 'ignoring' });
  }
});
// Keep running until told otherwise.
setInterval(() => undefined, 60_000);
