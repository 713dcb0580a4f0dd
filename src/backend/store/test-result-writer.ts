import type { Database } from 'better-sqlite3';
import type { ParsedMessage } from '../ingest/protocol';
import type { TestResult, Verdict } from '../../shared/contract';
import { judge, type SpecLimits } from '../scoring/verdict';
import { AttemptRenumbering } from './attempt-renumbering';
import type { BatchTally, TalliedResult } from './batch-tally';
import { MAX_RESULTS_REPORTED } from './ingest-messages';
import { IsoStamps } from './iso-stamps';
import { ResultHourTally } from './result-counts';
import { UnitHourTally } from './unit-hours';
import { addStamp, stampsBefore, UnitStamps } from './unit-stamps';

type SpecVersion = SpecLimits & { id: number; version: number; validFromMs: number };
type ParsedTestResult = Extract<ParsedMessage, { kind: 'test' }>;

/**
 * Stores test results: judged by the spec limits in force at their timestamp, numbered as
 * attempts by timestamp (a backlog replayed out of order renumbers the later ones), and
 * counted into the hourly rollups. Works per batch: `startBatch`, `store` each result,
 * `endBatch` (the rollups are written once a batch).
 */
export class TestResultWriter {
  private readonly statements;
  /** The result rollups, counted per batch (see ResultHourTally and UnitHourTally). */
  private readonly tallies: readonly BatchTally<object>[];
  private readonly renumber: AttemptRenumbering;
  /** The stamps of each unit's stored results at a step, read once a batch: attempt numbers. */
  private readonly unitStamps: UnitStamps;
  /**
   * Spec limits looked up in this batch, per product, step and line: every version that could
   * be in force, newest first. Limits change only in other transactions, so a batch reads each
   * product and step once instead of once per result. Product, then step, then line: no key
   * string is built per result to find them.
   */
  /** Each reported result's time as text (see IsoStamps). */
  private readonly isoStamps = new IsoStamps();
  /** What the tallies are given for each stored result (see `store`). */
  private readonly tallied: TalliedResult = {
    machineId: '',
    lineId: '',
    barcode: '',
    productId: '',
    testStep: '',
    timestampMs: 0,
    verdict: 'NO_SPEC',
    attempt: 0,
  };
  private readonly specsOfBatch = new Map<string, Map<string, Map<string, SpecVersion[]>>>();

  constructor(
    db: Database,
    /** Each newly stored result with its verdict, in the same transaction (alert rules). */
    private readonly onStored: (
      message: ParsedTestResult,
      receivedMs: number,
      verdict: Verdict,
    ) => void,
  ) {
    this.tallies = [new ResultHourTally(db), new UnitHourTally(db)];
    this.renumber = new AttemptRenumbering(db, this.tallies);
    this.unitStamps = new UnitStamps(db);
    this.statements = {
      specs: db.prepare(
        // The line's own versions first: one in force wins over the plant-wide one (line_id NULL).
        `SELECT id, version, lower_limit AS lower, upper_limit AS upper, valid_from_ms AS validFromMs
         FROM spec_limits
         WHERE product_id = ? AND test_step = ? AND (line_id = ? OR line_id IS NULL)
         ORDER BY line_id IS NULL, valid_from_ms DESC, version DESC`,
      ),
      insertResult: db.prepare(
        `INSERT OR IGNORE INTO test_results (line_id, machine_id, barcode, product_id, test_step,
           measured_value, unit, operator, message_id, ts_ms, received_ms, verdict, spec_id, attempt)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
    };
  }

  startBatch(): void {
    for (const tally of this.tallies) tally.reset();
    this.specsOfBatch.clear();
    this.unitStamps.reset();
  }

  /**
   * The results the batch is about to store, for one read of their units' earlier attempts
   * (instead of one read per result). Results not announced are read one by one.
   */
  willStore(results: readonly ParsedTestResult[]): void {
    this.unitStamps.readAll(results);
  }

  endBatch(): void {
    for (const tally of this.tallies) tally.flush();
  }

  /**
   * Stores one result; false when it was already stored (a redelivery). What it stored goes
   * to `results` (at most MAX_RESULTS_REPORTED), for live views.
   */
  store(message: ParsedTestResult, receivedMs: number, results: TestResult[]): boolean {
    const s = this.statements;
    const limits = this.specInForce(message);
    const stamps = this.unitStamps.of(message);
    const earlier = stampsBefore(stamps, message.timestampMs);
    const latest = stamps.length > 0 ? stamps[stamps.length - 1]! : null;
    const verdict = judge(message.measuredValue, limits ?? null);
    // Positional: binding an object by name costs a property lookup per column.
    const inserted = s.insertResult.run(
      message.lineId,
      message.machineId,
      message.barcode,
      message.productId,
      message.testStep,
      message.measuredValue,
      message.unit ?? null,
      message.operator ?? null,
      message.messageId ?? null,
      message.timestampMs,
      receivedMs,
      verdict,
      limits?.id ?? null,
      earlier + 1,
    );
    if (inserted.changes !== 1) return false;
    addStamp(stamps, message.timestampMs);
    // Stamped before an attempt already stored (a backlog replayed out of order): it
    // takes its place, and the later ones move up by one.
    if (latest !== null && latest > message.timestampMs) {
      this.renumber.after(message, results);
    }
    // The fields the tallies read, in one object of one shape reused for every result (the
    // tallies copy what they keep; a spread of the parsed message cost a slower object each).
    const stored = this.tallied;
    stored.machineId = message.machineId;
    stored.lineId = message.lineId;
    stored.barcode = message.barcode;
    stored.productId = message.productId;
    stored.testStep = message.testStep;
    stored.timestampMs = message.timestampMs;
    stored.verdict = verdict;
    stored.attempt = earlier + 1;
    for (const tally of this.tallies) tally.add(stored);
    this.onStored(message, receivedMs, verdict);
    if (results.length < MAX_RESULTS_REPORTED) {
      results.push({
        id: Number(inserted.lastInsertRowid),
        lineId: message.lineId,
        machineId: message.machineId,
        barcode: message.barcode,
        productId: message.productId,
        testStep: message.testStep,
        measuredValue: message.measuredValue,
        unit: message.unit ?? null,
        operator: message.operator ?? null,
        at: this.isoStamps.of(message.timestampMs),
        verdict,
        specVersion: limits?.version ?? null,
        attempt: earlier + 1,
      });
    }
    return true;
  }

  /** The spec limits that judge a result: the line's own version in force, else the plant's. */
  private specInForce(message: ParsedTestResult): SpecVersion | undefined {
    let ofProduct = this.specsOfBatch.get(message.productId);
    if (!ofProduct) this.specsOfBatch.set(message.productId, (ofProduct = new Map()));
    let ofStep = ofProduct.get(message.testStep);
    if (!ofStep) ofProduct.set(message.testStep, (ofStep = new Map()));
    let versions = ofStep.get(message.lineId);
    if (!versions) {
      versions = this.statements.specs.all(
        message.productId,
        message.testStep,
        message.lineId,
      ) as SpecVersion[];
      ofStep.set(message.lineId, versions);
    }
    // Ordered as the single-row query was: line before plant, then newest first.
    for (const version of versions) if (version.validFromMs <= message.timestampMs) return version;
    return undefined;
  }
}
