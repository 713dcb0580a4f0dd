/**
 * Ingest throughput: the store process alone, then console mode end to end through mosquitto
 * (max_queued_messages 0) and through the embedded aedes broker: a 50,000-message burst, then
 * 5,000 at 1,000 msg/s for the publish-to-commit latency without a backlog. `npm run bench`.
 */
import { freePort, startMosquitto } from '../tests/helpers/mosquitto';
import { runEndToEnd } from './lib/end-to-end';
import { runRawSubscriber } from './lib/raw-subscriber';
import { runStoreDirect } from './lib/store-direct';

const COUNT = Number(process.env.LINEWATCH_BENCH_COUNT ?? 50_000);
const PACED = { count: 5000, perSecond: 1000 };

await runStoreDirect(COUNT, 2000);

const mosquitto = await startMosquitto();
try {
  await runRawSubscriber('mosquitto', mosquitto.url, COUNT);
  await runEndToEnd({
    label: 'mosquitto',
    count: COUNT,
    paced: PACED,
    broker: { url: mosquitto.url },
    live: { count: 10_000, perSecond: 5000 },
  });
} finally {
  await mosquitto.dispose();
}

const port = await freePort();
await runEndToEnd({
  label: 'embedded aedes',
  count: COUNT,
  paced: PACED,
  broker: { embeddedPort: port, url: `mqtt://127.0.0.1:${port}` },
});
