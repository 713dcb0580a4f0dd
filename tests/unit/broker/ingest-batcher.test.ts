import { afterEach, expect, it, vi } from 'vitest';
import { IngestBatcher, type BatcherOptions } from '../../../src/backend/ingest/ingest-batcher';
import type { IngestSummary, RawMessage } from '../../../src/backend/store/ingest-messages';

/**
 * The batcher keeps two batches at the store (the next one is sent while the store commits
 * the current one) and still reports them committed in the order they were sent, so the
 * broker gets its acknowledgements in the order the messages came, and only after the commit.
 */

const OPTIONS: BatcherOptions = {
  maxMessages: 3,
  maxDelayMs: 5,
  retryDelayMs: 100,
  maxInFlight: 2,
};

interface Call {
  batch: string[];
  resolve(): void;
  reject(error: Error): void;
}

function message(topic: string): RawMessage {
  return { topic, payload: new Uint8Array(), receivedMs: 0 };
}

function summaryOf(count: number): IngestSummary {
  return {
    received: count,
    stored: count,
    duplicates: 0,
    deadLettered: 0,
    ignored: 0,
    newMachines: [],
    results: [],
    machines: [],
    refusals: [],
  };
}

function harness(options: BatcherOptions = OPTIONS) {
  const calls: Call[] = [];
  const committed: string[][] = [];
  const failures: unknown[] = [];
  const batcher = new IngestBatcher<RawMessage>(
    (messages) =>
      new Promise<IngestSummary>((resolve, reject) => {
        calls.push({
          batch: messages.map((each) => each.topic),
          resolve: () => resolve(summaryOf(messages.length)),
          reject,
        });
      }),
    (messages) => committed.push(messages.map((each) => each.topic)),
    (error) => failures.push(error),
    options,
  );
  const add = (...topics: string[]) => topics.forEach((topic) => batcher.add(message(topic)));
  return { batcher, calls, committed, failures, add };
}

afterEach(() => {
  vi.useRealTimers();
});

it('sends the next batch while the store commits the current one, never more than two', async () => {
  vi.useFakeTimers();
  const { calls, add, committed, batcher } = harness();
  add('a', 'b', 'c', 'd', 'e', 'f', 'g');
  await vi.advanceTimersByTimeAsync(10);
  expect(calls.map((call) => call.batch)).toEqual([
    ['a', 'b', 'c'],
    ['d', 'e', 'f'],
  ]);
  expect(batcher.waiting).toBe(7);

  calls[0]!.resolve();
  await vi.advanceTimersByTimeAsync(0);
  expect(committed).toEqual([['a', 'b', 'c']]);
  // The first one is done: what waited goes at once, without the 5 ms gathering delay.
  expect(calls.map((call) => call.batch)).toEqual([['a', 'b', 'c'], ['d', 'e', 'f'], ['g']]);
  calls[1]!.resolve();
  calls[2]!.resolve();
  await vi.advanceTimersByTimeAsync(0);
  expect(committed).toEqual([['a', 'b', 'c'], ['d', 'e', 'f'], ['g']]);
  expect(batcher.waiting).toBe(0);
});

it('reports a batch committed only after every batch sent before it', async () => {
  vi.useFakeTimers();
  const { calls, add, committed } = harness();
  add('a', 'b', 'c', 'd');
  await vi.advanceTimersByTimeAsync(10);
  expect(calls).toHaveLength(2);
  calls[1]!.resolve();
  await vi.advanceTimersByTimeAsync(0);
  expect(committed).toEqual([]);
  calls[0]!.resolve();
  await vi.advanceTimersByTimeAsync(0);
  expect(committed).toEqual([['a', 'b', 'c'], ['d']]);
});

it('retries a failed batch before reporting the committed one behind it', async () => {
  vi.useFakeTimers();
  const { calls, add, committed, failures, batcher } = harness();
  add('a', 'b', 'c', 'd');
  await vi.advanceTimersByTimeAsync(10);
  calls[0]!.reject(new Error('store restarting'));
  calls[1]!.resolve();
  await vi.advanceTimersByTimeAsync(0);
  expect(failures).toHaveLength(1);
  expect(committed).toEqual([]);
  expect(batcher.waiting).toBe(4);
  // Nothing new goes to a failing store while the failed batch waits out its back-off.
  add('e');
  await vi.advanceTimersByTimeAsync(10);
  expect(calls).toHaveLength(2);

  await vi.advanceTimersByTimeAsync(100);
  expect(calls.map((call) => call.batch)).toEqual([['a', 'b', 'c'], ['d'], ['a', 'b', 'c']]);
  calls[2]!.resolve();
  await vi.advanceTimersByTimeAsync(0);
  expect(committed).toEqual([['a', 'b', 'c'], ['d']]);
  await vi.advanceTimersByTimeAsync(10);
  expect(calls.at(-1)!.batch).toEqual(['e']);
});

it('sends both failed batches again, in order, when the store is back', async () => {
  vi.useFakeTimers();
  const { calls, add, committed, failures, batcher } = harness();
  add('a', 'b', 'c', 'd');
  await vi.advanceTimersByTimeAsync(10);
  calls[0]!.reject(new Error('store restarting'));
  calls[1]!.reject(new Error('store restarting'));
  await vi.advanceTimersByTimeAsync(0);
  expect(failures).toHaveLength(1);
  batcher.retryNow();
  expect(calls.slice(2).map((call) => call.batch)).toEqual([['a', 'b', 'c'], ['d']]);
  calls[3]!.resolve();
  calls[2]!.resolve();
  await vi.advanceTimersByTimeAsync(0);
  expect(committed).toEqual([['a', 'b', 'c'], ['d']]);
});

it('keeps one batch at the store with maxInFlight 1', async () => {
  vi.useFakeTimers();
  const { calls, add } = harness({ ...OPTIONS, maxInFlight: 1 });
  add('a', 'b', 'c', 'd');
  await vi.advanceTimersByTimeAsync(10);
  expect(calls).toHaveLength(1);
  calls[0]!.resolve();
  await vi.advanceTimersByTimeAsync(0);
  expect(calls).toHaveLength(2);
});
