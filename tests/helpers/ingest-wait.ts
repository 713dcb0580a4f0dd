import type { IngestStatus } from '../../src/shared/contract';
import type { TestServer } from './test-backend';
import { waitFor } from './wait';

type Counters = IngestStatus['counters'];

/**
 * Ingest is asynchronous: waits until `count` messages are stored (or, with `settled`, stored,
 * refused as duplicates or dead-lettered) and returns the counters. Fails after `timeoutMs`
 * naming how far it got, instead of going on with half the data.
 */
export async function waitForIngested(
  t: TestServer,
  token: string,
  count: number,
  { settled = false, timeoutMs = 30_000 }: { settled?: boolean; timeoutMs?: number } = {},
): Promise<Counters> {
  let last: Counters | undefined;
  try {
    return await waitFor(
      `${count} messages ${settled ? 'settled' : 'stored'}`,
      async () => {
        last = ((await t.http('ingest.status', {}, token)).body as IngestStatus).counters;
        const done = settled ? last.stored + last.duplicates + last.deadLettered : last.stored;
        return done >= count && last;
      },
      { timeoutMs, everyMs: 50 },
    );
  } catch (error) {
    const so = last
      ? `stored ${last.stored}, ${last.duplicates} duplicates, ${last.deadLettered} dead-lettered`
      : 'no status';
    throw new Error(`${(error as Error).message} (${so})`, { cause: error });
  }
}
