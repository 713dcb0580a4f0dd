import { useMemo, useState } from 'react';
import type { SpecVersion, YieldRow } from '../../../../shared/contract';
import { api } from '../../api/client';
import { useLoad } from '../../hooks/use-load';

/** The newest results of the chosen step that the capability study uses (oldest first). */
export const CAPABILITY_POINTS = 500;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface StepChoice {
  productId: string;
  testStep: string;
}

/** The SPC window: the newest results, or those stamped within the last hour, 8 h, … */
export const SPC_RANGES = [
  { value: 'newest', label: `Newest ${CAPABILITY_POINTS} results`, hours: null },
  { value: '1h', label: 'Last hour', hours: 1 },
  { value: '8h', label: 'Last 8 hours', hours: 8 },
  { value: '24h', label: 'Last 24 hours', hours: 24 },
  { value: '7d', label: 'Last 7 days', hours: 24 * 7 },
] as const;
export type SpcRange = (typeof SPC_RANGES)[number]['value'];

/** One measured value with the machine's timestamp, for the time axis. */
export interface SpcPoint {
  atMs: number;
  value: number;
}

/** Every product/step that has limits or recent results, sorted, without duplicates. */
export function stepChoices(
  specs: readonly SpecVersion[],
  yields: readonly YieldRow[],
): StepChoice[] {
  const seen = new Map<string, StepChoice>();
  for (const { productId, testStep } of [...specs, ...yields]) {
    seen.set(`${productId}\u0000${testStep}`, { productId, testStep });
  }
  return [...seen.values()].sort(
    (a, b) => a.productId.localeCompare(b.productId) || a.testStep.localeCompare(b.testStep),
  );
}

/** The limits in force now: the newest version already valid (a future one is not yet). */
export function currentSpec(
  specs: readonly SpecVersion[],
  choice: StepChoice,
  nowMs: number,
): SpecVersion | null {
  const own = specs
    .filter((spec) => spec.productId === choice.productId && spec.testStep === choice.testStep)
    .sort((a, b) => b.version - a.version);
  return own.find((spec) => Date.parse(spec.validFrom) <= nowMs) ?? own[0] ?? null;
}

/** Loads specs, 24 h yield and, once a step is chosen, its recent measured values. */
export function useCapability() {
  const specs = useLoad(() => api.call('specs.list', {}), 'specs');
  // The 24 h window (and the "now" that picks the limits in force) is fixed when the page
  // opens; opening it again moves it on.
  const [range] = useState(() => {
    const to = Date.now();
    return { from: new Date(to - DAY_MS).toISOString(), to: new Date(to).toISOString() };
  });
  const yields = useLoad(() => api.call('results.yield', range), 'yield');
  const [picked, setPicked] = useState<StepChoice | null>(null);
  /** '' = every machine the user may see. */
  const [machineId, setMachineId] = useState('');
  const [spcRange, setSpcRange] = useState<SpcRange>('newest');
  const plant = useLoad(() => api.call('plant.list', {}), 'plant');

  const choices = useMemo(
    () => stepChoices(specs.data ?? [], yields.data ?? []),
    [specs.data, yields.data],
  );
  const choice = picked ?? choices[0] ?? null;

  const results = useLoad(
    async () => {
      if (!choice) return { results: [], hasMore: false };
      const hours = SPC_RANGES.find((option) => option.value === spcRange)?.hours ?? null;
      // The window ends when it is loaded; choosing it again moves it on.
      const to = Date.now();
      return api.call('results.list', {
        ...choice,
        ...(machineId ? { machineId } : {}),
        ...(hours === null
          ? {}
          : {
              from: new Date(to - hours * 3_600_000).toISOString(),
              to: new Date(to).toISOString(),
            }),
        limit: CAPABILITY_POINTS,
      });
    },
    JSON.stringify([choice, machineId, spcRange]),
  );
  // A control chart reads left to right in time: by the machines' timestamps, since a backlog
  // replayed after an outage arrives out of order.
  const points = useMemo<SpcPoint[]>(
    () =>
      // Oldest arrival first, then a stable sort: equal timestamps keep their arrival order.
      [...(results.data?.results ?? [])]
        .reverse()
        .map((result) => ({ atMs: Date.parse(result.at), value: result.measuredValue }))
        .sort((a, b) => a.atMs - b.atMs),
    [results.data],
  );
  const values = useMemo(() => points.map((point) => point.value), [points]);
  const spec = useMemo(
    () => (choice && specs.data ? currentSpec(specs.data, choice, Date.parse(range.to)) : null),
    [choice, specs.data, range.to],
  );

  return {
    choices,
    choice,
    setChoice: setPicked,
    values,
    points,
    /** More results in the window than the chart takes: it shows the newest of them. */
    truncated: results.data?.hasMore ?? false,
    machines: plant.data?.machines ?? [],
    machineId,
    setMachineId,
    spcRange,
    setSpcRange,
    valuesLoaded: results.data !== null,
    spec,
    yields: yields.data,
    error: specs.error ?? yields.error ?? results.error ?? plant.error,
  };
}
