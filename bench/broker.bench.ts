/**
 * The embedded broker with and without its file (`npm run bench -- broker`): the broker's
 * process alone, then console mode end to end through it. The app always runs it with
 * broker.sqlite and synchronous=FULL; the other modes are for comparison only.
 */
import { freePort } from '../tests/helpers/mosquitto';
import { runBrokerAlone, type BrokerMode } from './lib/broker-alone';
import { runEndToEnd } from './lib/end-to-end';

const COUNT = Number(process.env.LINEWATCH_BENCH_COUNT ?? 50_000);
const MODES: BrokerMode[] = ['memory', 'normal', 'full'];

for (const mode of MODES) await runBrokerAlone(mode, COUNT);

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
