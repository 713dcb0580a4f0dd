import WebSocket from 'ws';
import { connectPublisher, publishBurst } from '../../tests/integration/ingest/support/publisher';
import { formatMs, percentile } from './stats';

interface LiveResult {
  barcode: string;
}

/**
 * Publish → live update: an admin's WebSocket on results.appended, fed by a paced publisher.
 * The live feed coalesces to five batches a second and caps each batch, so at high rates
 * some items are counted as dropped rather than delivered; latency is over those delivered.
 */
export async function runLiveLatency(
  consoleUrl: string,
  brokerUrl: string,
  count: number,
  perSecond: number,
): Promise<number> {
  const setup = await fetch(`${consoleUrl}/api/setup`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: 'bench', displayName: 'Bench', password: 'bench password 1' }),
  });
  const { token } = (await setup.json()) as { token: string };
  const socket = new WebSocket(`${consoleUrl.replace('http', 'ws')}/api/live`);
  const receivedAt = new Map<number, number>();
  let dropped = 0;
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.once('open', () => {
      socket.send(JSON.stringify({ type: 'subscribe', token, topics: ['results.appended'] }));
    });
    socket.on('message', (data: Buffer) => {
      const message = JSON.parse(data.toString()) as {
        type: string;
        batches?: { items: LiveResult[]; dropped: number }[];
      };
      if (message.type === 'subscribed') resolve();
      const now = performance.now();
      for (const batch of message.batches ?? []) {
        dropped += batch.dropped;
        for (const item of batch.items) {
          const index = Number(item.barcode.split('-').at(-1));
          if (item.barcode.startsWith('LIVE-')) receivedAt.set(index, now);
        }
      }
    });
  });
  const publisher = await connectPublisher(brokerUrl, `bench-live-${Date.now()}`);
  try {
    const burst = await publishBurst(publisher, 'LIVE', count, { perSecond });
    const deadline = performance.now() + 30_000;
    while (receivedAt.size + dropped < count && performance.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const latencies = [...receivedAt].map(([index, at]) => at - burst.publishedAt[index]!);
    console.log(
      `publish -> live update at ${perSecond} msg/s: ${receivedAt.size} of ${count} delivered ` +
        `(${dropped} coalesced away), p50 ${formatMs(percentile(latencies, 50))}, ` +
        `p99 ${formatMs(percentile(latencies, 99))}`,
    );
    return percentile(latencies, 99);
  } finally {
    socket.close();
    await publisher.endAsync(true);
  }
}
