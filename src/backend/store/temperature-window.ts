import { trendSums, type Sample, type TrendSums } from '../maintenance/trend';

/**
 * Each machine's temperature readings of the trend window (the last 30 minutes), kept in the
 * store process for the once-a-minute projection: read from SQLite that was up to 900 rows a
 * machine, every machine, every minute, and the store ingests nothing while it reads. A
 * machine's readings are read from the database once, at its first projection; after that
 * ingest adds each reading it stores (in any order: the sums do not depend on it), and older
 * ones are dropped as the window moves on. Kept by the one writer, so no reading can be stored
 * behind its back; a restart, a restored backup or a clock set back reads afresh.
 */
export class TemperatureWindow {
  private readonly byMachine = new Map<string, { atMs: number[]; values: number[] }>();
  private lastNowMs = -Infinity;

  constructor(
    private readonly windowMs: number,
    /** The machine's stored readings from `fromMs` on (later ones too: a clock may run ahead). */
    private readonly readFrom: (machineId: string, fromMs: number) => Sample[],
  ) {}

  /** Ingest stored a reading; kept only for a machine whose window is already loaded. */
  stored(machineId: string, atMs: number, value: number): void {
    const kept = this.byMachine.get(machineId);
    if (kept === undefined) return;
    kept.atMs.push(atMs);
    kept.values.push(value);
  }

  /** The least-squares sums of the readings in [nowMs − window, nowMs]. */
  sums(machineId: string, nowMs: number): TrendSums {
    if (nowMs < this.lastNowMs) this.byMachine.clear();
    this.lastNowMs = nowMs;
    const fromMs = nowMs - this.windowMs;
    let kept = this.byMachine.get(machineId);
    if (kept === undefined) {
      const samples = this.readFrom(machineId, fromMs);
      kept = { atMs: samples.map((s) => s.atMs), values: samples.map((s) => s.value) };
      this.byMachine.set(machineId, kept);
    }
    const inWindow: Sample[] = [];
    const keepAt: number[] = [];
    const keepValues: number[] = [];
    for (let i = 0; i < kept.atMs.length; i++) {
      const atMs = kept.atMs[i]!;
      if (atMs < fromMs) continue; // out of the window for good: the clock only moves on
      keepAt.push(atMs);
      keepValues.push(kept.values[i]!);
      if (atMs <= nowMs) inWindow.push({ atMs, value: kept.values[i]! });
    }
    kept.atMs = keepAt;
    kept.values = keepValues;
    return trendSums(inWindow);
  }
}
