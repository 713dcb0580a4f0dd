/**
 * Ingest throughput: the store process alone, then console mode (the built server, out/server,
 * as users run it) end to end through mosquitto
 * (max_queued_messages 0) and through the embedded aedes broker, each beside a bare subscriber on
 * the same broker: a 50,000-message burst, then
 * 5,000 at 1,000 msg/s for the publish-to-commit latency without a backlog. `npm run bench`.
 * Each target of issue 15 is printed as met or MISSED; every figure goes to artifacts/bench.json.
 */
import { freePort, startMosquitto } from '../tests/helpers/mosquitto';
import { checkTarget, loadNote, record } from './lib/bench-record';
import { runBrokerAlone } from './lib/broker-alone';
import { runEndToEnd } from './lib/end-to-end';
import { runRawSubscriber } from './lib/raw-subscriber';
import { runStoreDirect } from './lib/store-direct';

const COUNT = Number(process.env.LINEWATCH_BENCH_COUNT ?? 50_000);
const PACED = { count: 5000, perSecond: 1000 };

console.log(`(${loadNote()})`);
const storeRate = await runStoreDirect(COUNT, 2000);
record('store process alone', storeRate, 'msg/s');

const mosquitto = await startMosquitto();
let raw: number;
let viaMosquitto;
try {
  raw = await runRawSubscriber('mosquitto', mosquitto.url, COUNT);
  record('raw MQTT.js subscriber via mosquitto', raw, 'msg/s');
  viaMosquitto = await runEndToEnd({
    label: 'mosquitto',
    count: COUNT,
    paced: PACED,
    broker: { url: mosquitto.url },
    live: { count: 10_000, perSecond: 5000 },
  });
} finally {
  await mosquitto.dispose();
}

// The reference for the embedded broker: its own process as the app runs it (broker.sqlite,
// synchronous=FULL), with a bare subscriber that acknowledges at once.
const rawAedes = await runBrokerAlone('full', COUNT);
record('raw MQTT.js subscriber via the embedded aedes (broker.sqlite)', rawAedes, 'msg/s');
const port = await freePort();
const viaAedes = await runEndToEnd({
  label: 'embedded aedes',
  count: COUNT,
  paced: PACED,
  broker: { embeddedPort: port, url: `mqtt://127.0.0.1:${port}` },
});

console.log(`\ntargets (issue 15), ${loadNote()}:`);
checkTarget('store process alone', storeRate, 'msg/s', { atLeast: 60_000 });
checkTarget(
  'Linewatch via mosquitto, share of the raw subscriber',
  viaMosquitto.storedPerSecond / raw,
  'x raw',
  { atLeast: 0.7 },
);
if (viaMosquitto.pacedP99Ms !== undefined) {
  checkTarget('paced 1,000 msg/s, publish -> commit p99', viaMosquitto.pacedP99Ms, 'ms', {
    below: 50,
  });
}
if (viaMosquitto.liveP99Ms !== undefined) {
  checkTarget('5,000 msg/s, publish -> live update p99', viaMosquitto.liveP99Ms, 'ms', {
    below: 250,
  });
}
checkTarget('RSS of all Linewatch processes, idle (mosquitto)', viaMosquitto.idleRssMb, 'MB', {
  atMost: 300,
});
checkTarget('RSS of all Linewatch processes, idle (embedded broker)', viaAedes.idleRssMb, 'MB', {
  atMost: 300,
});
checkTarget(
  'Linewatch via the embedded aedes, share of a raw subscriber on it',
  viaAedes.storedPerSecond / rawAedes,
  'x raw',
  { atLeast: 0.6 },
);
