import type { MetricValue, SparkplugMetric } from './sparkplug-codec';
import { DataType } from './sparkplug-schema';

/** A metric as its birth certificate declared it. */
export interface MetricDefinition {
  name: string;
  datatype: number;
}

/** What a device (or the edge node itself) declared in its birth: by alias and by name. */
export interface BirthCertificate {
  byAlias: ReadonlyMap<number, MetricDefinition>;
  byName: ReadonlyMap<string, MetricDefinition>;
}

const NUMERIC = new Set<number>([
  DataType.Int8,
  DataType.Int16,
  DataType.Int32,
  DataType.Int64,
  DataType.UInt8,
  DataType.UInt16,
  DataType.UInt32,
  DataType.UInt64,
  DataType.Float,
  DataType.Double,
  DataType.DateTime,
]);
const TEXT = new Set<number>([DataType.String, DataType.Text, DataType.UUID]);
/** Values Linewatch does not read; they may be declared, and are never stored. */
const OPAQUE = new Set<number>([
  DataType.DataSet,
  DataType.Bytes,
  DataType.File,
  DataType.Template,
]);

const TYPE_NAMES = Object.fromEntries(Object.entries(DataType).map(([name, code]) => [code, name]));

export function dataTypeName(code: number): string {
  return TYPE_NAMES[code] ?? `unknown data type ${code}`;
}

/** Whether a value fits the declared data type (null: the metric says it has no value). */
export function valueFits(datatype: number, value: MetricValue | undefined): boolean {
  if (value === null || value === undefined) return true;
  if (NUMERIC.has(datatype)) return typeof value === 'number';
  if (datatype === DataType.Boolean) return typeof value === 'boolean';
  if (TEXT.has(datatype)) return typeof value === 'string';
  return OPAQUE.has(datatype);
}

export type BirthOutcome =
  { ok: true; certificate: BirthCertificate } | { ok: false; reason: string; field: string };

/**
 * Reads a birth certificate's metric declarations. A birth must name every metric, give it a
 * known data type and a value of that type, and use each alias once: a birth that breaks this
 * cannot be trusted to decode later data, so it is refused as a whole.
 */
export function readBirth(metrics: readonly SparkplugMetric[]): BirthOutcome {
  const byAlias = new Map<number, MetricDefinition>();
  const byName = new Map<string, MetricDefinition>();
  for (const [index, metric] of metrics.entries()) {
    const field = `metrics[${index}]`;
    if (!metric.name) return { ok: false, field, reason: `${field}: a birth metric needs a name` };
    const label = `${field} (${JSON.stringify(metric.name.slice(0, 60))})`;
    const datatype = metric.datatype;
    if (datatype === undefined || datatype < 1 || datatype > DataType.Template) {
      return { ok: false, field, reason: `${label}: no valid datatype (${datatype ?? 'none'})` };
    }
    if (!valueFits(datatype, metric.value)) {
      return {
        ok: false,
        field,
        reason: `${label}: declared ${dataTypeName(datatype)} but carries a ${typeof metric.value}`,
      };
    }
    const definition = { name: metric.name, datatype };
    if (metric.alias !== undefined) {
      const taken = byAlias.get(metric.alias);
      if (taken) {
        return {
          ok: false,
          field,
          reason: `${label}: alias ${metric.alias} is already ${JSON.stringify(taken.name.slice(0, 60))}`,
        };
      }
      byAlias.set(metric.alias, definition);
    }
    byName.set(metric.name, definition);
  }
  return { ok: true, certificate: { byAlias, byName } };
}

/** A certificate's declarations as kept in SQLite (sparkplug_certificates.metrics). */
export interface StoredDefinition {
  name: string;
  datatype: number;
  alias?: number;
}

export function certificateToStored(certificate: BirthCertificate): StoredDefinition[] {
  const aliasOf = new Map<MetricDefinition, number>();
  for (const [alias, definition] of certificate.byAlias) aliasOf.set(definition, alias);
  return [...certificate.byName.values()].map((definition) => {
    const alias = aliasOf.get(definition);
    return alias === undefined ? { ...definition } : { ...definition, alias };
  });
}

export function certificateFromStored(stored: readonly StoredDefinition[]): BirthCertificate {
  const byAlias = new Map<number, MetricDefinition>();
  const byName = new Map<string, MetricDefinition>();
  for (const { name, datatype, alias } of stored) {
    const definition = { name, datatype };
    if (alias !== undefined) byAlias.set(alias, definition);
    byName.set(name, definition);
  }
  return { byAlias, byName };
}
