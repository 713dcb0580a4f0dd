/**
 * Sparkplug B ingest next to JSON ingest, same machine, same run (issue 17): the store process
 * alone (batches of 2,000 over IPC: JSON test results, then Sparkplug DDATA carrying one test
 * result each, by alias), then one server reading both from mosquitto (max_queued_messages 0),
 * publish of the first to commit of the last. `npm run bench -- sparkplug`; every figure goes
 * to artifacts/bench.json.
 */
import { startMosquitto } from '../tests/helpers/mosquitto';
import { loadNote, record } from './lib/bench-record';
import { runSideBySide, runSparkplugStoreDirect } from './lib/sparkplug-load';
import { runStoreDirect } from './lib/store-direct';

const COUNT = Number(process.env.LINEWATCH_BENCH_COUNT ?? 20_000);

console.log(`(${loadNote()})`);
const jsonStore = await runStoreDirect(COUNT, 2000);
record('store process alone, JSON', jsonStore, 'msg/s');
const sparkplugStore = await runSparkplugStoreDirect(COUNT, 2000);
record('store process alone, Sparkplug', sparkplugStore, 'msg/s');

const mosquitto = await startMosquitto();
try {
  const side = await runSideBySide(mosquitto.url, COUNT);
  record('via mosquitto, JSON', side.json, 'msg/s');
  record('via mosquitto, Sparkplug', side.sparkplug, 'msg/s');
  const show = (value: number) => Math.round(value).toLocaleString('en-US');
  console.log(`\ningest, msg/s (${COUNT.toLocaleString('en-US')} each, ${loadNote()}):`);
  console.log(
    `  store process alone   JSON ${show(jsonStore)}   Sparkplug ${show(sparkplugStore)}`,
  );
  console.log(
    `  via mosquitto         JSON ${show(side.json)}   Sparkplug ${show(side.sparkplug)}`,
  );
} finally {
  await mosquitto.dispose();
}
