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

  const choices = useMemo(
    () => stepChoices(specs.data ?? [], yields.data ?? []),
    [specs.data, yields.data],
  );
  const choice = picked ?? choices[0] ?? null;

  const results = useLoad(
    async () =>
      choice
        ? api.call('results.list', { ...choice, limit: CAPABILITY_POINTS })
        : { results: [], hasMore: false },
    JSON.stringify(choice),
  );
  // The list comes newest first; a control chart reads left to right in time.
  const values = useMemo(
    () => (results.data?.results ?? []).map((result) => result.measuredValue).reverse(),
    [results.data],
  );
  const spec = useMemo(
    () => (choice && specs.data ? currentSpec(specs.data, choice, Date.parse(range.to)) : null),
    [choice, specs.data, range.to],
  );

  return {
    choices,
    choice,
    setChoice: setPicked,
    values,
    valuesLoaded: results.data !== null,
    spec,
    yields: yields.data,
    error: specs.error ?? yields.error ?? results.error,
  };
}
