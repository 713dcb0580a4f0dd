import type { Database } from 'better-sqlite3';
import type { Threshold, ThresholdInput } from '../../shared/contract';
import type { PlantFacts, StoredVerdict } from '../alerts/alert-evaluator';
import { RecentVerdicts } from './recent-verdicts';
import { StatementCache } from './alert-rows';
import type { NewEvent } from './events-store';
import { StoreError } from './rpc';
import { stationDetail, whoAt } from './actor-text';

interface ThresholdRow {
  machine_id: string;
  line_id: string;
  metric: string;
  high_high: number | null;
  high: number | null;
  low: number | null;
  low_low: number | null;
  deadband: number;
  on_delay_s: number;
  updated_ms: number;
  updated_by: string;
}

export type ThresholdSettings = Omit<Threshold, 'updatedAt' | 'updatedBy' | 'lineId'>;

function toThreshold(row: ThresholdRow): Threshold {
  return {
    machineId: row.machine_id,
    lineId: row.line_id,
    metric: row.metric,
    highHigh: row.high_high,
    high: row.high,
    low: row.low,
    lowLow: row.low_low,
    deadband: row.deadband,
    onDelayS: row.on_delay_s,
    updatedAt: new Date(row.updated_ms).toISOString(),
    updatedBy: row.updated_by,
  };
}

/**
 * The alarm limits per machine metric, and the other plant facts the alert rules read (a
 * machine's line, its latest verdicts). Limits are cached per machine: they are read for every
 * telemetry message and change rarely. Runs inside the store's transactions.
 */
export class ThresholdsStore implements PlantFacts {
  private readonly cache = new Map<string, ThresholdSettings[]>();
  private readonly statements: StatementCache;
  private readonly verdicts: RecentVerdicts;
  /**
   * The earliest valid_from_ms of each product and step's spec limits (null: none), for one
   * transaction: limits are saved in transactions of their own, never during ingest. Product,
   * then step: asked for every NO_SPEC result, so no key string is built to find one.
   */
  private readonly firstSpecOf = new Map<string, Map<string, number | null>>();

  constructor(
    db: Database,
    private readonly record: (event: NewEvent) => void,
  ) {
    this.statements = new StatementCache(db);
    this.verdicts = new RecentVerdicts(
      this.sql(
        `SELECT ts_ms, verdict FROM test_results WHERE machine_id = ? AND verdict IN ('PASS', 'FAIL')
           ORDER BY ts_ms DESC, id DESC LIMIT ?`,
      ),
    );
  }

  private sql(text: string) {
    return this.statements.sql(text);
  }

  thresholdsOf(machineId: string): ThresholdSettings[] {
    let cached = this.cache.get(machineId);
    if (!cached) {
      cached = (
        this.sql(
          `SELECT t.*, m.line_id FROM alert_thresholds t JOIN machines m ON m.id = t.machine_id
             WHERE t.machine_id = ?`,
        ).all(machineId) as ThresholdRow[]
      ).map(toThreshold);
      this.cache.set(machineId, cached);
    }
    return cached;
  }

  recentVerdicts(machineId: string, stored: StoredVerdict): readonly ('PASS' | 'FAIL')[] {
    return this.verdicts.after(machineId, stored);
  }

  specInForce(productId: string, testStep: string, atMs: number): boolean {
    let ofProduct = this.firstSpecOf.get(productId);
    if (!ofProduct) this.firstSpecOf.set(productId, (ofProduct = new Map()));
    let firstValidMs = ofProduct.get(testStep);
    if (firstValidMs === undefined) {
      firstValidMs = this.sql(
        'SELECT min(valid_from_ms) FROM spec_limits WHERE product_id = ? AND test_step = ?',
      )
        .pluck()
        .get(productId, testStep) as number | null;
      ofProduct.set(testStep, firstValidMs);
    }
    return firstValidMs !== null && firstValidMs <= atMs;
  }

  /** Drops what is kept for one transaction (verdict windows, first specs): a new one begins. */
  forget(): void {
    this.verdicts.forget();
    this.firstSpecOf.clear();
  }

  /** A transaction or savepoint was rolled back: the limits it wrote are gone with it too. */
  rolledBack(): void {
    this.forget();
    this.cache.clear();
  }

  lineOf(machineId: string): string | undefined {
    return this.sql('SELECT line_id FROM machines WHERE id = ?').pluck().get(machineId) as
      string | undefined;
  }

  listThresholds(
    filter: { lineId?: string; machineId?: string },
    machines: string[] | null,
  ): Threshold[] {
    const rows = this.sql(
      `SELECT t.*, m.line_id FROM alert_thresholds t JOIN machines m ON m.id = t.machine_id
         WHERE (@lineId IS NULL OR m.line_id = @lineId)
           AND (@machineId IS NULL OR t.machine_id = @machineId)
           AND (@all OR t.machine_id IN (SELECT value FROM json_each(@machines)))
         ORDER BY m.line_id, t.machine_id, t.metric`,
    ).all({
      lineId: filter.lineId ?? null,
      machineId: filter.machineId ?? null,
      all: Number(machines === null),
      machines: JSON.stringify(machines ?? []),
    }) as ThresholdRow[];
    return rows.map(toThreshold);
  }

  /** Saves (or, with every limit null, removes) the limits of a machine metric, and logs it. */
  saveThreshold(
    input: ThresholdInput,
    actor: string,
    nowMs: number,
    station?: string | null,
  ): Threshold {
    const line = this.writeThreshold(input, actor, nowMs);
    this.record({
      type: 'thresholds.saved',
      actor,
      target: `${input.machineId} ${input.metric}`,
      lineId: line,
      machineId: input.machineId,
      message: `${whoAt(actor, station)} set the alarm limits of ${input.machineId} ${input.metric}: LL ${input.lowLow ?? '–'}, L ${input.low ?? '–'}, H ${input.high ?? '–'}, HH ${input.highHigh ?? '–'} (deadband ${input.deadband}, on-delay ${input.onDelayS} s)`,
      details: { ...input, ...stationDetail(station) },
    });
    return {
      ...input,
      lineId: line,
      updatedAt: new Date(nowMs).toISOString(),
      updatedBy: actor,
    };
  }

  /**
   * Writes (or, with every limit null, removes) the limits of a machine metric without an
   * event: the caller records one (templates log one event per line). Answers the line.
   */
  writeThreshold(input: ThresholdInput, actor: string, nowMs: number): string {
    const line = this.lineOf(input.machineId);
    if (!line) throw new StoreError('NOT_FOUND', `No machine ${input.machineId}`);
    const limits = [input.highHigh, input.high, input.low, input.lowLow];
    if (limits.every((limit) => limit === null)) {
      this.sql('DELETE FROM alert_thresholds WHERE machine_id = ? AND metric = ?').run(
        input.machineId,
        input.metric,
      );
    } else {
      this.sql(
        `INSERT INTO alert_thresholds (machine_id, metric, high_high, high, low, low_low, deadband,
             on_delay_s, updated_ms, updated_by)
           VALUES (@machineId, @metric, @highHigh, @high, @low, @lowLow, @deadband, @onDelayS, @now, @actor)
           ON CONFLICT (machine_id, metric) DO UPDATE SET high_high = excluded.high_high,
             high = excluded.high, low = excluded.low, low_low = excluded.low_low,
             deadband = excluded.deadband, on_delay_s = excluded.on_delay_s,
             updated_ms = excluded.updated_ms, updated_by = excluded.updated_by`,
      ).run({ ...input, now: nowMs, actor });
    }
    this.cache.delete(input.machineId);
    return line;
  }
}
