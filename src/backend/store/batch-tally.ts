import type { Statement } from 'better-sqlite3';
import type { Verdict } from '../../shared/contract';

export const HOUR_MS = 3_600_000;

/** A stored test result, as the rollups count it. */
export interface TalliedResult {
  machineId: string;
  lineId: string;
  barcode: string;
  productId: string;
  testStep: string;
  timestampMs: number;
  verdict: Verdict;
  attempt: number;
}

/**
 * Sums stored results into rollup rows in memory over one transaction and writes each row
 * once at its end with an additive upsert: a batch of 2,000 results costs one write per key
 * it touched, not one per result (a trigger per result cost ingest a third of its speed).
 * `reset` at the start of a transaction drops what a rolled-back one left behind. Results
 * are never deleted; the one change to a stored result is a first attempt becoming a retest
 * (see AttemptRenumbering), which `demote` subtracts.
 */
export abstract class BatchTally<Row extends object> {
  private readonly pending = new Map<string, Row>();

  protected constructor(private readonly upsert: Statement) {}

  /** The rollup row a result belongs to, as a string key. */
  protected abstract keyOf(result: TalliedResult): string;
  /** A row with the result's keys and every count at zero. */
  protected abstract emptyRow(result: TalliedResult): Row;
  /** Adds one result's counts to its row. */
  protected abstract count(row: Row, result: TalliedResult): void;
  /** Takes a first attempt's first-attempt counts off its row (it is now a retest). */
  protected abstract uncountFirst(row: Row, result: TalliedResult): void;

  reset(): void {
    this.pending.clear();
  }

  add(result: TalliedResult): void {
    const key = this.keyOf(result);
    let row = this.pending.get(key);
    if (!row) this.pending.set(key, (row = this.emptyRow(result)));
    this.count(row, result);
  }

  /**
   * A stored first attempt became attempt 2 (an earlier-stamped one arrived late): its row
   * loses what it counted as a first attempt. The upsert adds negative counts.
   */
  demote(result: TalliedResult): void {
    const key = this.keyOf(result);
    let row = this.pending.get(key);
    if (!row) this.pending.set(key, (row = this.emptyRow(result)));
    this.uncountFirst(row, result);
  }

  flush(): void {
    for (const row of this.pending.values()) this.write(this.upsert, row);
    this.pending.clear();
  }

  /** Writes one row; by name unless a subclass binds it faster (by position). */
  protected write(upsert: Statement, row: Row): void {
    upsert.run(row);
  }
}

/** The clock hour a moment falls in. */
export const hourOf = (ms: number): number => Math.floor(ms / HOUR_MS) * HOUR_MS;
