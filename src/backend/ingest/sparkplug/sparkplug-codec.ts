import type Long from 'long';
import { DataType, PayloadType } from './sparkplug-schema';
import {
  describeBytes,
  readDataSet,
  type DecodedDataSet,
  type DecodedMetaData,
  type DecodedOneofValue,
} from './unread-values';

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
   * The value. `undefined` when the metric carries none, or one that is not a number, boolean
   * or string (Template, DataSet, Bytes, File): see `members` and `unread`.
   */
  value: MetricValue | undefined;
  /** A Template instance's member metrics, or a one-row DataSet's cells (by column name). */
  members?: SparkplugMetric[];
  /** A value Linewatch does not store (Bytes, File, a DataSet of 0 or 2+ rows), described. */
  unread?: string;
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
  /** A Bytes or File value (value is then ignored), with a file's metadata. */
  bytes?: Uint8Array;
  metadata?: { fileName?: string; contentType?: string; md5?: string };
  /** A DataSet value (value is then ignored): its rows' cells in column order. */
  dataset?: { columns: string[]; types: number[]; rows: Exclude<MetricValue, null>[][] };
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

interface DecodedMetric extends DecodedOneofValue {
  name?: string;
  alias?: Wide;
  timestamp?: Wide;
  datatype?: number;
  isHistorical?: boolean;
  isNull?: boolean;
  metadata?: DecodedMetaData;
  bytesValue?: Uint8Array;
  datasetValue?: DecodedDataSet;
  templateValue?: { metrics?: DecodedMetric[]; isDefinition?: boolean };
}

/**
 * A oneof `value` (a Metric's, a DataSetValue's) as the data type reads it. The message object
 * is passed as protobufjs decoded it: its oneof name is a getter on the prototype, which a
 * spread copy would lose.
 */
function readValue(
  metric: DecodedOneofValue,
  datatype: number | undefined,
  isNull = false,
): MetricValue | undefined {
  if (isNull) return null;
  switch (metric.value) {
    case 'intValue':
      return signedInt(metric.intValue ?? 0, datatype);
    case 'longValue': {
      const long = metric.longValue;
      if (long === null || long === undefined) return undefined;
      if (typeof long === 'number') return long;
      return datatype === DataType.Int64 ? long.toSigned().toNumber() : long.toNumber();
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

/** What a metric whose value is no number, boolean or string carries: members, or a line. */
function structured(metric: DecodedMetric): Pick<SparkplugMetric, 'members' | 'unread'> {
  if (metric.isNull) return {};
  switch (metric.value) {
    case 'templateValue': {
      const template = metric.templateValue;
      // An instance's members are data; a definition (in an NBIRTH) only describes a type.
      return template && !template.isDefinition
        ? { members: (template.metrics ?? []).map(decodeMetric) }
        : {};
    }
    case 'datasetValue': {
      const read = readDataSet(metric.datasetValue ?? {}, readValue);
      if ('unread' in read) return { unread: `DataSet, ${read.unread}` };
      return {
        members: read.cells.map((cell) => ({
          name: cell.name,
          ...(cell.datatype !== undefined ? { datatype: cell.datatype } : {}),
          isHistorical: false,
          value: cell.value,
        })),
      };
    }
    case 'bytesValue': {
      const kind = metric.datatype === DataType.File ? 'File' : 'Bytes';
      return {
        unread: `${kind}, ${describeBytes(metric.datatype, metric.bytesValue, metric.metadata)}`,
      };
    }
    case 'extensionValue':
      return { unread: 'an extension value (no Sparkplug data type Linewatch reads)' };
    default:
      return {};
  }
}

/** Fields set one by one, not spread: this runs for every metric of every message. */
function decodeMetric(metric: DecodedMetric): SparkplugMetric {
  const read: SparkplugMetric = {
    isHistorical: metric.isHistorical === true,
    value: readValue(metric, metric.datatype, metric.isNull),
  };
  if (has(metric, 'name')) read.name = metric.name;
  if (has(metric, 'alias')) read.alias = unsigned(metric.alias);
  if (has(metric, 'timestamp')) read.timestampMs = unsigned(metric.timestamp);
  if (has(metric, 'datatype')) read.datatype = metric.datatype;
  if (read.value === undefined) Object.assign(read, structured(metric));
  return read;
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
  const payload: SparkplugPayload = { metrics: (decoded.metrics ?? []).map(decodeMetric) };
  if (has(decoded, 'timestamp')) payload.timestampMs = unsigned(decoded.timestamp);
  if (has(decoded, 'seq')) payload.seq = unsigned(decoded.seq);
  return { ok: true, payload };
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

function structuredField(metric: MetricToEncode): Record<string, unknown> | null {
  if (metric.datatype === DataType.Template && metric.members) {
    return {
      templateValue: {
        ...(metric.templateRef !== undefined ? { templateRef: metric.templateRef } : {}),
        metrics: metric.members.map(encodeMetric),
      },
    };
  }
  if (metric.bytes) {
    return { bytesValue: metric.bytes, ...(metric.metadata ? { metadata: metric.metadata } : {}) };
  }
  const dataset = metric.dataset;
  if (!dataset) return null;
  return {
    datasetValue: {
      numOfColumns: dataset.columns.length,
      columns: dataset.columns,
      types: dataset.types,
      rows: dataset.rows.map((cells) => ({
        elements: cells.map((cell, index) => valueField(dataset.types[index] ?? 0, cell)),
      })),
    },
  };
}

function encodeMetric(metric: MetricToEncode): Record<string, unknown> {
  const value =
    structuredField(metric) ??
    (metric.value === null ? { isNull: true } : valueField(metric.datatype, metric.value));
  return {
    ...(metric.name !== undefined ? { name: metric.name } : {}),
    ...(metric.alias !== undefined ? { alias: metric.alias } : {}),
    ...(metric.timestampMs !== undefined ? { timestamp: metric.timestampMs } : {}),
    datatype: metric.datatype,
    ...(metric.isHistorical ? { isHistorical: true } : {}),
    ...value,
  };
}
