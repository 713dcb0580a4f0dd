import type { ParsedMessage } from '../ingest/protocol';
import type { Verdict } from '../../shared/contract';
import {
  deadLetterCondition,
  downtimeCondition,
  failRateCondition,
  noSpecCondition,
  offlineCondition,
  thresholdCondition,
  thresholdKeyPrefix,
  type Condition,
} from './rules/conditions';
import { ConditionKeys } from './rules/condition-keys';
import { failRateHolds } from './rules/fail-rate';
import { limitsOf, watchLimit, type LimitKind, type LimitWatch } from './rules/limit-watch';
import {
  DEAD_LETTER_SPIKE,
  DEAD_LETTER_WINDOW_MS,
  slideWindow,
  type CountAt,
} from './rules/rate-window';

/** Where conditions are kept and alerts raised (the alerts store, inside the ingest transaction). */
export interface ConditionLedger {
  watchOf(key: string): LimitWatch;
  setPending(key: string, pendingSinceMs: number | null): void;
  isActive(key: string): boolean;
  raise(condition: Condition, nowMs: number): void;
  returnToNormal(key: string, nowMs: number): void;
}

/** A judged result just stored: its stamp and verdict. */
export interface StoredVerdict {
  timestampMs: number;
  verdict: 'PASS' | 'FAIL';
}

/** What the rules need to know about the plant besides the message itself. */
export interface PlantFacts {
  thresholdsOf(machineId: string): {
    metric: string;
    highHigh: number | null;
    high: number | null;
    low: number | null;
    lowLow: number | null;
    deadband: number;
    onDelayS: number;
  }[];
  /**
   * The machine's latest PASS/FAIL verdicts, newest first (enough for the FAIL-rate window),
   * `stored` (its result just stored) included.
   */
  recentVerdicts(machineId: string, stored: StoredVerdict): readonly ('PASS' | 'FAIL')[];
  lineOf(machineId: string): string | undefined;
  /** Whether spec limits of the product and step judge results stamped at `atMs`. */
  specInForce(productId: string, testStep: string, atMs: number): boolean;
}

const ALL_LIMITS: LimitKind[] = ['high_high', 'high', 'low', 'low_low'];

/**
 * Turns what the factory says into conditions: limits on telemetry, downtime, offline,
 * FAIL rate, missing spec limits and dead-letter spikes. Holds no I/O of its own; it runs in
 * the store process, called for each stored message inside the ingest transaction, so an
 * alert commits with the data that raised it.
 */
export class AlertEvaluator {
  private deadLetterWindow: CountAt[] = [];
  /** "No spec" conditions of the products and steps judged in this batch (see batchDone). */
  private judgedSpecs = new Set<string>();
  /** What the two above were when the batch began, put back if it is rolled back. */
  private atBatchStart: { window: CountAt[]; judgedSpecs: Set<string> } | null = null;
  private readonly keys = new ConditionKeys();

  constructor(
    private readonly ledger: ConditionLedger,
    private readonly facts: PlantFacts,
  ) {}

  /** One message that was stored (not a duplicate). `nowMs` is when Linewatch received it. */
  stored(message: ParsedMessage, nowMs: number, verdict?: Verdict): void {
    // This runs for every stored message: conditions (objects with their text) are built only
    // to be raised; a condition that returns or stays normal needs only its key, and the keys
    // asked for with every message are made once (see ConditionKeys).
    const speaksAgain = !(message.kind === 'state' && message.state === 'offline');
    if (speaksAgain) this.ledger.returnToNormal(this.keys.offlineOf(message.machineId), nowMs);
    switch (message.kind) {
      case 'telemetry':
        this.telemetry(placeOf(message), message.timestampMs, nowMs, (metric) =>
          metric === 'temperature' ? message.temperature : message.extras[metric],
        );
        break;
      case 'state':
        if (message.state === 'down') {
          this.ledger.raise(downtimeCondition(placeOf(message), message.reason ?? null), nowMs);
        } else if (message.state === 'running') {
          this.ledger.returnToNormal(downtimeCondition(placeOf(message), null).key, nowMs);
        } else if (message.state === 'offline') {
          this.ledger.raise(offlineCondition(placeOf(message)), nowMs);
        }
        break;
      case 'test':
        if (verdict === 'NO_SPEC') {
          // Missing limits, or a result stamped before limits that are in force by now (in
          // flight while they were saved): only the first is a condition to raise.
          if (
            !this.facts.specInForce(message.productId, message.testStep, nowMs) &&
            !this.ledger.isActive(this.keys.noSpecOf(message.productId, message.testStep))
          ) {
            this.ledger.raise(noSpecCondition(message.productId, message.testStep), nowMs);
          }
        } else if (verdict) {
          this.judgedSpecs.add(this.keys.noSpecOf(message.productId, message.testStep));
          const { holds, rate } = failRateHolds(
            this.facts.recentVerdicts(message.machineId, {
              timestampMs: message.timestampMs,
              verdict,
            }),
          );
          if (holds) this.ledger.raise(failRateCondition(placeOf(message), rate), nowMs);
          else this.ledger.returnToNormal(this.keys.failRateOf(message.machineId), nowMs);
        }
        break;
      case 'commandAck':
        break;
    }
  }

  /** A batch begins: what it will change here is kept, to be put back if it is rolled back. */
  beginBatch(): void {
    this.atBatchStart = { window: this.deadLetterWindow, judgedSpecs: new Set(this.judgedSpecs) };
  }

  /** The batch was rolled back (to run again): as it was when it began. */
  undoBatch(): void {
    if (!this.atBatchStart) return;
    this.deadLetterWindow = this.atBatchStart.window;
    this.judgedSpecs = new Set(this.atBatchStart.judgedSpecs);
  }

  /**
   * After each batch, so a spike also ends when only good messages follow, and so limits
   * that judge what is produced clear their "no spec" condition (one check per product and
   * step a batch, not per result).
   */
  batchDone(deadLettered: number, nowMs: number): void {
    for (const key of this.judgedSpecs) this.ledger.returnToNormal(key, nowMs);
    this.judgedSpecs.clear();
    const { entries, total } = slideWindow(
      this.deadLetterWindow,
      { atMs: nowMs, count: deadLettered },
      nowMs,
      DEAD_LETTER_WINDOW_MS,
    );
    this.deadLetterWindow = entries;
    const condition = deadLetterCondition(total);
    if (total > DEAD_LETTER_SPIKE) this.ledger.raise(condition, nowMs);
    else this.ledger.returnToNormal(condition.key, nowMs);
  }

  /** Linewatch concluded the machine is offline (heartbeat timeout). */
  machineOffline(machineId: string, nowMs: number): void {
    const lineId = this.facts.lineOf(machineId);
    if (lineId !== undefined) this.ledger.raise(offlineCondition({ lineId, machineId }), nowMs);
  }

  /** Limits of a metric changed: conditions of limits that no longer exist return to normal. */
  thresholdsChanged(machineId: string, metric: string, nowMs: number): void {
    const kept = new Set(
      this.facts
        .thresholdsOf(machineId)
        .filter((threshold) => threshold.metric === metric)
        .flatMap((threshold) => limitsOf(threshold).map((limit) => limit.kind)),
    );
    for (const kind of ALL_LIMITS) {
      if (!kept.has(kind)) {
        this.ledger.returnToNormal(`${thresholdKeyPrefix(machineId, metric)}${kind}`, nowMs);
      }
    }
  }

  private telemetry(
    place: { lineId: string; machineId: string },
    atMs: number,
    nowMs: number,
    valueOf: (metric: string) => number | undefined,
  ): void {
    for (const threshold of this.facts.thresholdsOf(place.machineId)) {
      const value = valueOf(threshold.metric);
      if (value === undefined) continue;
      for (const limit of limitsOf(threshold)) {
        const condition = thresholdCondition(place, threshold.metric, limit, value);
        const before = this.ledger.watchOf(condition.key);
        const { watch, change } = watchLimit(limit, before, { value, atMs });
        if (change === 'raise') this.ledger.raise(condition, nowMs);
        else if (change === 'return') this.ledger.returnToNormal(condition.key, nowMs);
        else if (watch.pendingSinceMs !== before.pendingSinceMs) {
          this.ledger.setPending(condition.key, watch.pendingSinceMs);
        }
      }
    }
  }
}

/** Where a message's conditions are, as they name it. */
function placeOf(message: ParsedMessage): { lineId: string; machineId: string } {
  return { lineId: message.lineId, machineId: message.machineId };
}
