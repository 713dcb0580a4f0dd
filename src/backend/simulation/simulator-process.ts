/**
 * Entry of the simulator process: runs the machine simulator (`simulator/`, the same runner
 * as `npm run simulate`) away from the main process, so a hundred simulated MQTT connections
 * never compete with the UI's IPC or with ingest. It reports its counters about once a second.
 *
 * It lives in src/backend (not in simulator/) because the desktop shell must name it in a
 * `?modulePath` import, and src/main may import the backend but not the simulator.
 */
import { readBrokerTls } from '../ingest/broker/broker-tls';
import { SimulatorRunner } from '../../../simulator/runner';
import type { FromSimulator, SimulatorRun, ToSimulator } from './simulator-protocol';
import { parentChannel } from '../process/parent-channel';

/** Stopping publishes every machine's `offline` state; a broker that does not answer gets this long. */
const STOP_GRACE_MS = 5_000;

const { send, onMessage } = parentChannel<ToSimulator, FromSimulator>();

let runner: SimulatorRunner | null = null;
let finishing = false;

function startRun(run: SimulatorRun): void {
  if (runner) return;
  runner = new SimulatorRunner({
    brokerUrl: run.brokerUrl,
    credentials: { username: run.username, password: run.password, ...readBrokerTls(run) },
    model: {
      seed: run.seed,
      lines: run.lines,
      machinesPerLine: run.machinesPerLine,
      messagesPerSecond: run.rate,
      scenarios: run.scenarios,
      topicRoot: run.topicRoot,
      runId: run.runId,
      serialStart: run.serialStart,
    },
  });
  runner.on('stats', (stats) => send({ kind: 'stats', stats }));
  runner.on('log', (line) => send({ kind: 'log', line }));
  runner.start();
  send({ kind: 'started' });
}

/** Says goodbye on every machine's state topic (bounded wait), then ends the process. */
async function finish(): Promise<void> {
  if (finishing) return;
  finishing = true;
  const stopping = runner?.stop() ?? Promise.resolve();
  await Promise.race([stopping, new Promise((resolve) => setTimeout(resolve, STOP_GRACE_MS))]);
  // The last counters go out with the stop itself (the runner's final `stats` event); give the
  // channel a moment to carry them before the process ends.
  setTimeout(() => process.exit(0), 100);
}

onMessage((message) => {
  if (message.kind === 'stop') {
    void finish();
    return;
  }
  try {
    startRun(message.run);
  } catch (error) {
    send({ kind: 'fatal', message: error instanceof Error ? error.message : String(error) });
    setTimeout(() => process.exit(1), 100);
  }
});

process.on('SIGTERM', () => void finish());
// Under Node the parent's death closes the IPC channel: no orphan keeps publishing.
process.on('disconnect', () => void finish());
