import { useMemo, useState } from 'react';
import type { TestResult } from '../../../../shared/contract';
import { api } from '../../api/client';
import { useLiveTopic } from '../../hooks/use-live-topic';
import { useLoad } from '../../hooks/use-load';

const SHOWN = 50;

/** The machine's latest test results, newest first, with live ones added on top. */
export function useMachineResults(machineId: string) {
  const initial = useLoad(() => api.call('results.list', { machineId, limit: SHOWN }), machineId);
  const [live, setLive] = useState<{ machineId: string; results: TestResult[] }>({
    machineId,
    results: [],
  });

  useLiveTopic('results.appended', (items) => {
    const mine = items.filter((result) => result.machineId === machineId);
    if (mine.length === 0) return;
    setLive((current) => ({
      machineId,
      // Results of the machine shown before a route change are dropped here.
      results: [...mine, ...(current.machineId === machineId ? current.results : [])].slice(
        0,
        SHOWN,
      ),
    }));
  });

  const results = useMemo(() => {
    const byId = new Map<number, TestResult>();
    const fresh = live.machineId === machineId ? live.results : [];
    for (const result of [...fresh, ...(initial.data?.results ?? [])]) {
      if (!byId.has(result.id)) byId.set(result.id, result);
    }
    return [...byId.values()].sort((a, b) => b.id - a.id).slice(0, SHOWN);
  }, [initial.data, live, machineId]);

  return { results, loaded: initial.data !== null, error: initial.error };
}
