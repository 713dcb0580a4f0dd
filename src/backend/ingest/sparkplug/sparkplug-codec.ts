import type Long from 'long';
import { DataType, PayloadType } from './sparkplug-schema';

/** A metric value Linewatch reads: numbers, booleans, strings; null when the metric says so. */
export type MetricValue = number | boolean | string | null;

export interface SparkplugMetric {
  name?: string;
  alias?: number;
  /** Data acquisition time, epoch milliseconds (the payload's timestamp when absent). */
  timestampMs?: number;
  datatype?: number;
  isHistorical: boolean;
  /**
   * The value. `undefined` when the metric carries none, or one Linewatch does not read
   * (DataSet, Template, Bytes, File): such metrics are kept by name but never stored.
   */
  value: MetricValue | undefined;
  /** A Template instance's member metrics (by name); definitions carry none. */
  members?: SparkplugMetric[];
}

export interface SparkplugPayload {
  timestampMs?: number;
  seq?: number;
  metrics: SparkplugMetric[];
}

export type DecodeOutcome = { ok: true; payload: SparkplugPayload } | { ok: false; reason: string };

/** What a payload to publish holds (commands, the simulator's edge nodes, tests). */
export interface MetricToEncode {
  name?: string;
  alias?: number;
  timestampMs?: number;
  datatype: number;
  value: MetricValue;
  isHistorical?: boolean;
  /** A Template instance: its members (value is then ignored) and its definition's name. */
  members?: MetricToEncode[];
  templateRef?: string;
}

export interface PayloadToEncode {
  timestampMs?: number;
  seq?: number;
  metrics: MetricToEncode[];
}

type Wide = number | Long | null | undefined;

/** uint64 fields come as Long (or number); Sparkplug values stay far below 2^53 in practice. */
function unsigned(value: Wide): number | undefined {
  if (value === null || value === undefined) return undefined;
  return typeof value === 'number' ? value : value.toNumber();
}

/** Signed integers travel as two's complement in the unsigned fields (specification 6.4.16). */
function signedInt(value: number, datatype: number | undefined): number {
  if (datatype === DataType.Int8) return (value << 24) >> 24;
  if (datatype === DataType.Int16) return (value << 16) >> 16;
  if (datatype === DataType.Int32) return value | 0;
  return value;
}

interface DecodedMetric {
  name?: string;
  alias?: Wide;
  timestamp?: Wide;
  datatype?: number;
  isHistorical?: boolean;
  isNull?: boolean;
  value?: string;
  intValue?: number;
  longValue?: Wide;
  floatValue?: number;
  doubleValue?: number;
  booleanValue?: boolean;
  stringValue?: string;
  templateValue?: { metrics?: DecodedMetric[]; isDefinition?: boolean };
}

function readValue(metric: DecodedMetric): MetricValue | undefined {
  if (metric.isNull) return null;
  switch (metric.value) {
    case 'intValue':
      return signedInt(metric.intValue ?? 0, metric.datatype);
    case 'longValue': {
      const long = metric.longValue;
      if (long === null || long === undefined) return undefined;
      if (typeof long === 'number') return long;
      return metric.datatype === DataType.Int64 ? long.toSigned().toNumber() : long.toNumber();
    }
    case 'floatValue':
      return metric.floatValue ?? 0;
    case 'doubleValue':
      return metric.doubleValue ?? 0;
    case 'booleanValue':
      return metric.booleanValue ?? false;
    case 'stringValue':
      return metric.stringValue ?? '';
    default:
      return undefined;
  }
}

const has = (object: object, key: string) => Object.prototype.hasOwnProperty.call(object, key);

function decodeMetric(metric: DecodedMetric): SparkplugMetric {
  const template = metric.value === 'templateValue' ? metric.templateValue : undefined;
  return {
    ...(has(metric, 'name') ? { name: metric.name } : {}),
    ...(has(metric, 'alias') ? { alias: unsigned(metric.alias) } : {}),
    ...(has(metric, 'timestamp') ? { timestampMs: unsigned(metric.timestamp) } : {}),
    ...(has(metric, 'datatype') ? { datatype: metric.datatype } : {}),
    isHistorical: metric.isHistorical === true,
    value: readValue(metric),
    // An instance's members are data; a definition (in an NBIRTH) only describes a type.
    ...(template && !template.isDefinition
      ? { members: (template.metrics ?? []).map(decodeMetric) }
      : {}),
  };
}

/**
 * Decodes a Sparkplug B payload. Never throws: bytes that are not a Sparkplug protobuf come
 * back as `{ ok: false, reason }`, a reason fit for a dead letter.
 */
export function decodePayload(bytes: Uint8Array): DecodeOutcome {
  let decoded: { timestamp?: Wide; seq?: Wide; metrics?: DecodedMetric[] };
  try {
    decoded = PayloadType.decode(bytes) as unknown as typeof decoded;
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { ok: false, reason: `payload: not a Sparkplug B protobuf (${detail})` };
  }
  const metrics = (decoded.metrics ?? []).map(decodeMetric);
  return {
    ok: true,
    payload: {
      ...(has(decoded, 'timestamp') ? { timestampMs: unsigned(decoded.timestamp) } : {}),
      ...(has(decoded, 'seq') ? { seq: unsigned(decoded.seq) } : {}),
      metrics,
    },
  };
}

/** The oneof field a value of this data type travels in. */
function valueField(datatype: number, value: Exclude<MetricValue, null>): Record<string, unknown> {
  switch (datatype) {
    case DataType.Int8:
    case DataType.Int16:
    case DataType.Int32:
    case DataType.UInt8:
    case DataType.UInt16:
    case DataType.UInt32:
      // Negative values go as two's complement in the unsigned field.
      return { intValue: Number(value) >>> 0 };
    case DataType.Int64:
    case DataType.UInt64:
    case DataType.DateTime:
      // Two's complement for negative Int64, as a decimal string protobufjs reads exactly.
      return { longValue: BigInt.asUintN(64, BigInt(Math.trunc(Number(value)))).toString() };
    case DataType.Float:
      return { floatValue: Number(value) };
    case DataType.Double:
      return { doubleValue: Number(value) };
    case DataType.Boolean:
      return { booleanValue: Boolean(value) };
    default:
      return { stringValue: String(value) };
  }
}

/** Encodes a Sparkplug B payload (the host's NCMD/DCMD, the simulator's edge nodes). */
export function encodePayload(payload: PayloadToEncode): Uint8Array {
  const message = PayloadType.fromObject({
    ...(payload.timestampMs !== undefined ? { timestamp: payload.timestampMs } : {}),
    ...(payload.seq !== undefined ? { seq: payload.seq } : {}),
    metrics: payload.metrics.map(encodeMetric),
  });
  return PayloadType.encode(message).finish();
}

function encodeMetric(metric: MetricToEncode): Record<string, unknown> {
  const value =
    metric.datatype === DataType.Template && metric.members
      ? {
          templateValue: {
            ...(metric.templateRef !== undefined ? { templateRef: metric.templateRef } : {}),
            metrics: metric.members.map(encodeMetric),
          },
        }
      : metric.value === null
        ? { isNull: true }
        : valueField(metric.datatype, metric.value);
  return {
    ...(metric.name !== undefined ? { name: metric.name } : {}),
    ...(metric.alias !== undefined ? { alias: metric.alias } : {}),
    ...(metric.timestampMs !== undefined ? { timestamp: metric.timestampMs } : {}),
    datatype: metric.datatype,
    ...(metric.isHistorical ? { isHistorical: true } : {}),
    ...value,
  };
}
