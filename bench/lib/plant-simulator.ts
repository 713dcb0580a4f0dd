/**
 * The plant bench's simulator, a child process of its own (forked with tsx): the machine
 * simulator's runner (`simulator/`, one MQTT connection per machine, as `npm run simulate` and
 * the built-in simulator) with test results at a fixed rate and telemetry on its own period.
 * It reports its counters to the parent every 200 ms and once more after it stopped (every
 * machine's `offline` goodbye included); `{ kind: 'stop' }` stops it.
 *
 * The runner ticks every 10 ms here (100 ms by default), so a message goes out at most 10 ms
 * after the time it carries: the bench measures publish → commit from that time.
 *
 * argv: brokerUrl lines machinesPerLine resultsPerSecond telemetryEveryMs
 */
import { SimulatorRunner } from '../../simulator/runner';
import type { RunnerStats } from '../../simulator/runner-stats';

export type FromPlantSimulator =
  { kind: 'stats'; stats: RunnerStats; final: boolean } | { kind: 'log'; line: string };

export const PLANT_SIMULATOR_TICK_MS = 10;

const [brokerUrl, lines, machinesPerLine, resultsPerSecond, telemetryEveryMs] =
  process.argv.slice(2);
if (!brokerUrl || !process.send) throw new Error('plant-simulator: forked with its arguments');
const send = (message: FromPlantSimulator) => process.send?.(message);

// messagesPerSecond sets the test results (four fifths of it) once the telemetry has its own period.
const runner = new SimulatorRunner({
  brokerUrl,
  tickMs: PLANT_SIMULATOR_TICK_MS,
  statsEveryMs: 200,
  model: {
    seed: 15,
    lines: Number(lines),
    machinesPerLine: Number(machinesPerLine),
    messagesPerSecond: Number(resultsPerSecond) / 0.8,
    telemetryEveryMs: Number(telemetryEveryMs),
    runId: `plant${Date.now().toString(36)}`,
    serialStart: Math.floor(Date.now() / 100),
  },
});
let stopping = false;
runner.on('stats', (stats) => {
  if (!stopping) send({ kind: 'stats', stats, final: false });
});
runner.on('log', (line) => send({ kind: 'log', line }));
runner.start();

async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  await runner.stop();
  send({ kind: 'stats', stats: runner.stats, final: true });
  setTimeout(() => process.exit(0), 200);
}
process.on('message', (message: { kind?: string }) => {
  if (message.kind === 'stop') void stop();
});
process.on('disconnect', () => void stop());
