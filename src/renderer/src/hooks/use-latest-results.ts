import { useState } from 'react';
import type { TestResult } from '../../../shared/contract';
import { useLiveTopic } from './use-live-topic';

/**
 * The newest test result of each machine, as 'results.appended' brings them: a tile shows
 * the last unit tested. One state update per live batch, however many results it holds.
 */
export function useLatestResults(): ReadonlyMap<string, TestResult> {
  const [latest, setLatest] = useState<ReadonlyMap<string, TestResult>>(new Map());
  useLiveTopic('results.appended', (items) => {
    if (items.length === 0) return;
    setLatest((current) => {
      const next = new Map(current);
      for (const result of items) {
        const before = next.get(result.machineId);
        if (!before || before.id < result.id) next.set(result.machineId, result);
      }
      return next;
    });
  });
  return latest;
}
