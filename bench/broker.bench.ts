/**
 * The embedded broker with and without its file (`npm run bench -- broker`): the broker's
 * process alone, then how fast it drains a backlog, then console mode end to end through it.
 * The app always runs it with broker.sqlite and synchronous=FULL; the other modes are for
 * comparison only.
 */
import { freePort } from '../tests/helpers/mosquitto';
import { checkTarget, record } from './lib/bench-record';
import { runBrokerAlone, type BrokerMode } from './lib/broker-alone';
import { runBrokerDrain } from './lib/broker-drain';
import { runEndToEnd } from './lib/end-to-end';

const COUNT = Number(process.env.LINEWATCH_BENCH_COUNT ?? 50_000);
const MODES: BrokerMode[] = ['memory', 'normal', 'full'];

for (const mode of MODES) await runBrokerAlone(mode, COUNT);

/** The 1,000-machine plant's input (issue 15): a backlog must drain well above it. */
const PLANT_RATE = 1500;
for (const mode of ['away', 'held'] as const) {
  const drain = await runBrokerDrain(COUNT, mode);
  record(
    `embedded broker: broker CPU per drained message (${mode})`,
    drain.brokerCpuUsPerMessage,
    'µs',
  );
  record(`embedded broker: duplicates while draining (${mode})`, drain.duplicates, 'messages');
  checkTarget(
    `embedded broker drains a backlog (${mode}) at 3x the plant's ${PLANT_RATE} msg/s`,
    drain.drainRate,
    'msg/s',
    { atLeast: 3 * PLANT_RATE },
  );
}

for (const mode of ['memory', 'full'] as const) {
  process.env.LINEWATCH_BENCH_BROKER_PERSISTENCE = mode;
  const port = await freePort();
  await runEndToEnd({
    label: `embedded aedes, ${mode === 'memory' ? 'in memory' : 'broker.sqlite'}`,
    count: COUNT,
    broker: { embeddedPort: port, url: `mqtt://127.0.0.1:${port}` },
  });
}
delete process.env.LINEWATCH_BENCH_BROKER_PERSISTENCE;
