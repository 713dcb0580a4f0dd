import mqtt from 'mqtt';
import { connectPublisher, publishBurst } from '../../tests/integration/ingest/support/publisher';
import { formatRate } from './stats';

/**
 * The broker's own pace, for comparison: a bare MQTT.js subscriber (QoS 1) that only counts,
 * fed by the same publisher as the Linewatch runs.
 */
export async function runRawSubscriber(label: string, url: string, count: number): Promise<number> {
  const subscriber = await mqtt.connectAsync(url, {
    clientId: `bench-raw-${Date.now()}`,
    clean: true,
  });
  let received = 0;
  let doneAt = 0;
  const done = new Promise<void>((resolve) => {
    subscriber.on('message', () => {
      received += 1;
      if (received === count) {
        doneAt = performance.now();
        resolve();
      }
    });
  });
  await subscriber.subscribeAsync('factory/+/+/test', { qos: 1 });
  const publisher = await connectPublisher(url, `bench-raw-pub-${Date.now()}`);
  try {
    const burst = await publishBurst(publisher, 'RAW', count);
    await done;
    const rate = count / ((doneAt - burst.startedAt) / 1000);
    console.log(
      `raw subscribe-only via ${label}: ${count} msgs, ${formatRate(count, doneAt - burst.startedAt)} received`,
    );
    return rate;
  } finally {
    await publisher.endAsync(true);
    await subscriber.endAsync(true);
  }
}
