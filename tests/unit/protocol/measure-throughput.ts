/**
 * Parser throughput on a typical test result (not a vitest test: timing in CI is noise).
 * Run: node --import tsx tests/unit/protocol/measure-throughput.ts
 */
import { parseFactoryMessage } from '../../../src/backend/ingest/protocol';

const encoder = new TextEncoder();
const topic = 'factory/LINE-1/MACH-01/test';
const payloads = Array.from({ length: 1000 }, (_, index) =>
  encoder.encode(
    JSON.stringify({
      barcode: `SN-LINE-1-MACH-01-${100000 + index}`,
      machine_id: 'MACH-01',
      product_id: 'PROD-A',
      test_step: 'voltage_test',
      measured_value: 85 + (index % 50) / 10,
      unit: 'V',
      operator: 'op-17',
      message_id: `run1-LINE-1-MACH-01-${index}`,
      timestamp: new Date(1_795_000_000_000 + index * 1000).toISOString(),
    }),
  ),
);
const telemetryTopic = 'factory/LINE-1/MACH-01/telemetry';
const telemetry = encoder.encode(
  JSON.stringify({
    timestamp: 1_795_000_000_000,
    temperature: 71.2,
    units_produced: 12345,
    vibration: 2.1,
    power_kw: 4.4,
  }),
);

function measure(label: string, run: (index: number) => boolean, count: number): void {
  for (let index = 0; index < 20_000; index += 1) run(index); // warm-up for the JIT
  const started = process.hrtime.bigint();
  let accepted = 0;
  for (let index = 0; index < count; index += 1) if (run(index)) accepted += 1;
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (accepted !== count) throw new Error(`${label}: only ${accepted} of ${count} accepted`);
  const perSecond = Math.round(count / seconds);
  console.log(
    `${label}: ${perSecond.toLocaleString('en')} msgs/s (${count} in ${seconds.toFixed(2)} s)`,
  );
}

const count = 500_000;
measure('test result', (index) => parseFactoryMessage(topic, payloads[index % 1000]!).ok, count);
measure('telemetry', () => parseFactoryMessage(telemetryTopic, telemetry).ok, count);
