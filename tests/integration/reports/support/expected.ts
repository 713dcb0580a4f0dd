import { limitsOf, type KnownShift, type PublishedResult } from './known-shift';

/**
 * What a report over [from, to) must say, computed here from the published messages alone —
 * not from the database — so the report's queries are checked against an independent count.
 */
export interface Judged extends PublishedResult {
  verdict: 'PASS' | 'FAIL';
  attempt: number;
}

export function judgedResults(shift: KnownShift, machineIds: string[]): Judged[] {
  const ordered = shift.results
    .filter((result) => machineIds.includes(result.machineId))
    .sort((a, b) => a.atMs - b.atMs);
  const seen = new Map<string, number>();
  return ordered.map((result) => {
    const key = `${result.barcode}|${result.step}`;
    const attempt = (seen.get(key) ?? 0) + 1;
    seen.set(key, attempt);
    const { lower, upper } = limitsOf(result.product, result.step);
    const pass =
      (lower === null || result.value >= lower) && (upper === null || result.value <= upper);
    return { ...result, attempt, verdict: pass ? 'PASS' : 'FAIL' };
  });
}

export function expectedUnits(shift: KnownShift, machineIds: string[]): number {
  let units = 0;
  for (const machineId of machineIds) {
    const samples = shift.telemetry
      .filter((sample) => sample.machineId === machineId)
      .sort((a, b) => a.atMs - b.atMs);
    for (let i = 1; i < samples.length; i += 1) {
      const delta = samples[i]!.units - samples[i - 1]!.units;
      units += delta >= 0 ? delta : samples[i]!.units;
    }
  }
  return units;
}

export function expectedFirstPass(results: Judged[]): {
  tested: number;
  judged: number;
  good: number;
} {
  const units = new Map<string, { firsts: number; failed: boolean }>();
  for (const result of results) {
    const unit = units.get(result.barcode) ?? { firsts: 0, failed: false };
    if (result.attempt === 1) {
      unit.firsts += 1;
      if (result.verdict === 'FAIL') unit.failed = true;
    }
    units.set(result.barcode, unit);
  }
  const all = [...units.values()];
  return {
    tested: all.length,
    judged: all.filter((unit) => unit.firsts > 0).length,
    good: all.filter((unit) => unit.firsts > 0 && !unit.failed).length,
  };
}

export function expectedTopFailures(results: Judged[]) {
  const steps = new Map<
    string,
    { product: string; step: string; failures: number; tested: number }
  >();
  for (const result of results.filter((r) => r.attempt === 1)) {
    const key = `${result.product}|${result.step}`;
    const step = steps.get(key) ?? {
      product: result.product,
      step: result.step,
      failures: 0,
      tested: 0,
    };
    step.tested += 1;
    if (result.verdict === 'FAIL') step.failures += 1;
    steps.set(key, step);
  }
  return [...steps.values()]
    .filter((step) => step.failures > 0)
    .sort(
      (a, b) =>
        b.failures - a.failures ||
        a.product.localeCompare(b.product) ||
        a.step.localeCompare(b.step),
    )
    .slice(0, 5);
}

export function expectedStepStats(results: Judged[]) {
  const steps = new Map<
    string,
    { product: string; step: string; values: number[]; passed: number }
  >();
  for (const result of results) {
    const key = `${result.product}|${result.step}`;
    const step = steps.get(key) ?? {
      product: result.product,
      step: result.step,
      values: [],
      passed: 0,
    };
    step.values.push(result.value);
    if (result.verdict === 'PASS') step.passed += 1;
    steps.set(key, step);
  }
  return [...steps.values()].map((step) => {
    const n = step.values.length;
    const mean = step.values.reduce((a, b) => a + b, 0) / n;
    const sd = Math.sqrt(step.values.reduce((sum, v) => sum + (v - mean) ** 2, 0) / (n - 1));
    return {
      product: step.product,
      step: step.step,
      count: n,
      passRate: step.passed / n,
      mean,
      sd,
    };
  });
}

const DOWN_STATES = ['down', 'maintenance', 'offline'];

/** Minutes down, in maintenance or offline in [from, to), and the times each machine went down. */
export function expectedDowntime(
  shift: KnownShift,
  machineIds: string[],
  fromMs: number,
  toMs: number,
) {
  let minutes = 0;
  const wentDown = new Map<string, number>();
  for (const machineId of machineIds) {
    const states = shift.states
      .filter((s) => s.machineId === machineId)
      .sort((a, b) => a.atMs - b.atMs);
    states.forEach((state, i) => {
      const previous = states[i - 1];
      if (state.state === 'down' && previous?.state !== 'down') {
        wentDown.set(machineId, (wentDown.get(machineId) ?? 0) + 1);
      }
      if (!DOWN_STATES.includes(state.state)) return;
      const end = Math.min(states[i + 1]?.atMs ?? toMs, toMs);
      const start = Math.max(state.atMs, fromMs);
      if (end > start) minutes += (end - start) / 60_000;
    });
  }
  return { minutes, wentDown };
}
