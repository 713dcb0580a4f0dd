import type { Database } from 'better-sqlite3';
import type { AppliedLimitTemplate, LimitTemplate, TemplateLimit } from '../../shared/contract';
import { StatementCache } from './alert-rows';
import type { NewEvent } from './events-store';
import { StoreError } from './rpc';
import { stationDetail, whoAt } from './actor-text';
import type { ThresholdsStore } from './thresholds-store';

interface TemplateRow {
  name: string;
  auto_apply: number;
  updated_ms: number;
  updated_by: string;
}

interface MetricRow {
  template: string;
  metric: string;
  high_high: number | null;
  high: number | null;
  low: number | null;
  low_low: number | null;
  deadband: number;
  on_delay_s: number;
}

const toLimit = (row: MetricRow): TemplateLimit => ({
  metric: row.metric,
  highHigh: row.high_high,
  high: row.high,
  low: row.low,
  lowLow: row.low_low,
  deadband: row.deadband,
  onDelayS: row.on_delay_s,
});

const describeLimits = (limits: readonly TemplateLimit[]): string =>
  limits
    .map(
      (l) =>
        `${l.metric} LL ${l.lowLow ?? '–'}, L ${l.low ?? '–'}, H ${l.high ?? '–'}, HH ${l.highHigh ?? '–'}`,
    )
    .join('; ');

/**
 * Alarm limit templates and their application to machines. Applying writes each machine's
 * thresholds through ThresholdsStore (quietly) and records one event per line, naming the
 * template, the line and its machines, so the event follows the line's scope. Runs inside the
 * store's transactions.
 */
export class LimitTemplatesStore {
  private readonly statements: StatementCache;

  constructor(
    db: Database,
    private readonly thresholds: ThresholdsStore,
    private readonly record: (event: NewEvent) => void,
    /** Told of every limit written, so open alerts are re-evaluated against it. */
    private readonly limitsChanged: (machineId: string, metric: string, nowMs: number) => void,
  ) {
    this.statements = new StatementCache(db);
  }

  private sql(text: string) {
    return this.statements.sql(text);
  }

  list(): LimitTemplate[] {
    const templates = this.sql(
      'SELECT * FROM limit_templates ORDER BY name',
    ).all() as TemplateRow[];
    const metrics = this.sql(
      'SELECT * FROM limit_template_metrics ORDER BY template, metric',
    ).all() as MetricRow[];
    return templates.map((row) => ({
      name: row.name,
      autoApply: row.auto_apply === 1,
      limits: metrics.filter((metric) => metric.template === row.name).map(toLimit),
      updatedAt: new Date(row.updated_ms).toISOString(),
      updatedBy: row.updated_by,
    }));
  }

  get(name: string): LimitTemplate | undefined {
    return this.list().find((template) => template.name === name);
  }

  save(
    input: { name: string; autoApply: boolean; limits: TemplateLimit[] },
    actor: string,
    nowMs: number,
    station?: string | null,
  ): LimitTemplate {
    this.sql(
      `INSERT INTO limit_templates (name, auto_apply, updated_ms, updated_by) VALUES (?, ?, ?, ?)
         ON CONFLICT (name) DO UPDATE SET auto_apply = excluded.auto_apply,
           updated_ms = excluded.updated_ms, updated_by = excluded.updated_by`,
    ).run(input.name, Number(input.autoApply), nowMs, actor);
    this.sql('DELETE FROM limit_template_metrics WHERE template = ?').run(input.name);
    const insert = this.sql(
      `INSERT INTO limit_template_metrics
         (template, metric, high_high, high, low, low_low, deadband, on_delay_s)
         VALUES (@template, @metric, @highHigh, @high, @low, @lowLow, @deadband, @onDelayS)`,
    );
    for (const limit of input.limits) insert.run({ template: input.name, ...limit });
    this.record({
      type: 'limitTemplate.saved',
      actor,
      target: input.name,
      message: `${whoAt(actor, station)} saved alarm limit template "${input.name}"${input.autoApply ? ' (applied to new machines)' : ''}: ${describeLimits(input.limits)}`,
      details: { ...input, ...stationDetail(station) },
    });
    return this.get(input.name)!;
  }

  /** The machines of a line, in id order (none for an unknown line). */
  machinesOfLine(lineId: string): string[] {
    return this.sql('SELECT id FROM machines WHERE line_id = ? ORDER BY id')
      .pluck()
      .all(lineId) as string[];
  }

  /** Sets the template's limits on the machines; one event per line touched. */
  apply(
    name: string,
    machineIds: readonly string[],
    actor: string,
    nowMs: number,
    station?: string | null,
  ): AppliedLimitTemplate {
    const template = this.get(name);
    if (!template) throw new StoreError('NOT_FOUND', `No alarm limit template "${name}"`);
    const byLine = new Map<string, string[]>();
    for (const machineId of machineIds) {
      const lineId = this.thresholds.lineOf(machineId);
      if (!lineId) throw new StoreError('NOT_FOUND', `No machine ${machineId}`);
      this.write(template, machineId, actor, nowMs);
      byLine.set(lineId, [...(byLine.get(lineId) ?? []), machineId]);
    }
    for (const [lineId, machines] of byLine) {
      this.record({
        type: 'limitTemplate.applied',
        actor,
        target: name,
        lineId,
        // One machine names it, so a user assigned only that machine sees the event too.
        machineId: machines.length === 1 ? machines[0] : null,
        message: `${whoAt(actor, station)} applied alarm limit template "${name}" to ${machines.length === 1 ? `machine ${machines[0]}` : `${machines.length} machines`} on line ${lineId} (${machines.join(', ')}): ${describeLimits(template.limits)}`,
        details: { template: name, machines, limits: template.limits, ...stationDetail(station) },
      });
    }
    return {
      name,
      machineIds: [...machineIds],
      metrics: template.limits.map((limit) => limit.metric),
    };
  }

  /** At a machine's first appearance: the templates marked autoApply, unless switched off. */
  applyDefaults(lineId: string, machineId: string, nowMs: number): void {
    for (const template of this.list().filter((candidate) => candidate.autoApply)) {
      this.write(template, machineId, 'system', nowMs);
      this.record({
        type: 'limitTemplate.applied',
        actor: 'system',
        target: template.name,
        lineId,
        machineId,
        message: `Default alarm limits "${template.name}" set on new machine ${machineId} (line ${lineId}): ${describeLimits(template.limits)}`,
        details: { template: template.name, machines: [machineId], limits: template.limits },
      });
    }
  }

  private write(template: LimitTemplate, machineId: string, actor: string, nowMs: number): void {
    for (const limit of template.limits) {
      this.thresholds.writeThreshold({ ...limit, machineId }, actor, nowMs);
      this.limitsChanged(machineId, limit.metric, nowMs);
    }
  }
}
