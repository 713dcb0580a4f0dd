import { dataTypeName, valueFits, type BirthCertificate } from './birth-metrics';
import type { SparkplugPayload } from './sparkplug-codec';
import type { ResolvedMetric, UnreadMetric } from './session-types';
import { flattenTemplate } from './template-members';

/**
 * A data message's metrics named through its birth certificate (edge-node-sessions.ts): by
 * alias or name, type-checked, Template members and one-row DataSet cells flattened, values
 * Linewatch does not store set apart as `unread`.
 */

/** A birth's own values: its certificate was read from them, so they always resolve. */
export function birthMetrics(
  payload: SparkplugPayload,
  certificate: BirthCertificate,
  nowMs: number,
): { metrics: ResolvedMetric[]; unread: UnreadMetric[] } {
  const resolved = resolveAll(payload, certificate, nowMs);
  return resolved.ok ? resolved : { metrics: [], unread: [] };
}

type Resolution =
  | { ok: true; metrics: ResolvedMetric[]; unread: UnreadMetric[] }
  | { ok: false; reason: string; field: string };

/** Names each metric through the certificate (by alias, else by name) and checks its type. */
export function resolveAll(
  payload: SparkplugPayload,
  certificate: BirthCertificate,
  nowMs: number,
): Resolution {
  const metrics: ResolvedMetric[] = [];
  const unread: UnreadMetric[] = [];
  for (const [index, metric] of payload.metrics.entries()) {
    const field = `metrics[${index}]`;
    const definition =
      metric.alias !== undefined
        ? certificate.byAlias.get(metric.alias)
        : metric.name !== undefined
          ? certificate.byName.get(metric.name)
          : undefined;
    if (!definition) {
      const what =
        metric.alias !== undefined
          ? `alias ${metric.alias}`
          : `name ${JSON.stringify((metric.name ?? '').slice(0, 60))}`;
      return {
        ok: false,
        field,
        reason: `${field}: metric ${what} is not in the birth certificate`,
      };
    }
    if (!valueFits(definition.datatype, metric.value)) {
      return {
        ok: false,
        field,
        reason: `${field} (${JSON.stringify(definition.name.slice(0, 60))}): born ${dataTypeName(definition.datatype)} but carries a ${typeof metric.value}`,
      };
    }
    const at = metric.timestampMs ?? payload.timestampMs ?? nowMs;
    // A Template instance's members, a one-row DataSet's cells: metrics of their own.
    if (metric.members) {
      const members = flattenTemplate(
        definition.name,
        metric.members,
        at,
        metric.isHistorical,
        field,
        unread,
      );
      if (!members.ok) return members;
      metrics.push(...members.metrics);
      continue;
    }
    if (metric.unread !== undefined) {
      const { name, datatype } = definition;
      unread.push({ name, datatype, summary: metric.unread, timestampMs: at });
      continue;
    }
    if (metric.value === undefined) continue;
    metrics.push({
      name: definition.name,
      datatype: definition.datatype,
      value: metric.value,
      timestampMs: at,
      isHistorical: metric.isHistorical,
    });
  }
  return { ok: true, metrics, unread };
}
