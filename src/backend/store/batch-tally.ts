import type { Statement } from 'better-sqlite3';
import type { Verdict } from '../../shared/contract';

export const HOUR_MS = 3_600_000;

/** One part of a rollup row's key (a column's value). */
export type KeyPart = string | number;

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
  /**
   * The rows of this transaction by their key's parts, as nested maps (last part → row): no
   * key string is built per result, which cost more than counting it (`keysOf` fills a
   * reused array, so finding a row allocates nothing).
   */
  private readonly byKey = new Map<KeyPart, unknown>();
  /** The same rows in the order they were made, for `flush`. */
  private readonly rows: Row[] = [];
  private readonly parts: KeyPart[] = [];

  protected constructor(private readonly upsert: Statement) {}

  /** The parts of the key of the rollup row a result belongs to, pushed onto `parts`. */
  protected abstract keysOf(result: TalliedResult, parts: KeyPart[]): void;
  /** A row with the result's keys and every count at zero. */
  protected abstract emptyRow(result: TalliedResult): Row;
  /** Adds one result's counts to its row. */
  protected abstract count(row: Row, result: TalliedResult): void;
  /** Takes a first attempt's first-attempt counts off its row (it is now a retest). */
  protected abstract uncountFirst(row: Row, result: TalliedResult): void;

  reset(): void {
    this.byKey.clear();
    this.rows.length = 0;
  }

  add(result: TalliedResult): void {
    this.count(this.rowOf(result), result);
  }

  /**
   * A stored first attempt became attempt 2 (an earlier-stamped one arrived late): its row
   * loses what it counted as a first attempt. The upsert adds negative counts.
   */
  demote(result: TalliedResult): void {
    this.uncountFirst(this.rowOf(result), result);
  }

  flush(): void {
    for (const row of this.rows) this.write(this.upsert, row);
    this.reset();
  }

  private rowOf(result: TalliedResult): Row {
    const parts = this.parts;
    parts.length = 0;
    this.keysOf(result, parts);
    const last = parts.length - 1;
    let level = this.byKey;
    for (let at = 0; at < last; at += 1) {
      let next = level.get(parts[at]!) as Map<KeyPart, unknown> | undefined;
      if (!next) level.set(parts[at]!, (next = new Map()));
      level = next;
    }
    let row = level.get(parts[last]!) as Row | undefined;
    if (!row) {
      level.set(parts[last]!, (row = this.emptyRow(result)));
      this.rows.push(row);
    }
    return row;
  }

  /** Writes one row; by name unless a subclass binds it faster (by position). */
  protected write(upsert: Statement, row: Row): void {
    upsert.run(row);
  }
}

/** The clock hour a moment falls in. */
export const hourOf = (ms: number): number => Math.floor(ms / HOUR_MS) * HOUR_MS;
