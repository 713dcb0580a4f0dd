import type Long from 'long';
import { DataType } from './sparkplug-schema';

/**
 * Sparkplug values Linewatch does not store as telemetry (DataSet, Bytes, File, extension
 * values): what they carried, told in a line a person can read, so the Admin → Sparkplug page
 * lists them instead of dropping them unseen. A DataSet of one row is data Linewatch can read:
 * its cells become metrics of their own (`<dataset>/<column>`), as a Template's members do.
 */

type Wide = number | Long | null | undefined;

/** A DataSetValue (or any oneof `value` message): which field it set, and the fields. */
export interface DecodedOneofValue {
  value?: string;
  intValue?: number;
  longValue?: Wide;
  floatValue?: number;
  doubleValue?: number;
  booleanValue?: boolean;
  stringValue?: string;
}

export interface DecodedDataSet {
  numOfColumns?: Wide;
  columns?: string[];
  types?: number[];
  rows?: { elements?: DecodedOneofValue[] }[];
}

export interface DecodedMetaData {
  contentType?: string;
  size?: Wide;
  fileName?: string;
  md5?: string;
}

/** One cell of a one-row DataSet, as a metric: its column's name and data type. */
export interface DataSetCell<Value> {
  name: string;
  datatype: number | undefined;
  value: Value;
}

const count = (value: number, one: string, many: string) =>
  `${value.toLocaleString('en-US')} ${value === 1 ? one : many}`;

const quoted = (text: string) => JSON.stringify(text.slice(0, 60));

/**
 * A DataSet: a single row's cells (read like a Template's members), or a line saying what it
 * held. Cells are read with `readCell` and the column's data type.
 */
export function readDataSet<Value>(
  dataset: DecodedDataSet,
  readCell: (cell: DecodedOneofValue, datatype: number | undefined) => Value,
): { cells: DataSetCell<Value>[] } | { unread: string } {
  const columns = dataset.columns ?? [];
  const rows = dataset.rows ?? [];
  if (rows.length === 1 && columns.length > 0) {
    const elements = rows[0]?.elements ?? [];
    return {
      cells: columns.map((name, index) => {
        const datatype = dataset.types?.[index];
        const element = elements[index];
        return { name, datatype, value: readCell(element ?? {}, datatype) };
      }),
    };
  }
  const names = columns.slice(0, 8).map(quoted).join(', ');
  const more = columns.length > 8 ? ', …' : '';
  return {
    unread:
      `${count(rows.length, 'row', 'rows')} × ${count(columns.length, 'column', 'columns')}` +
      (columns.length > 0 ? ` (${names}${more})` : ''),
  };
}

/** A Bytes or File value: its size, and for a file its name, type and checksum when given. */
export function describeBytes(
  datatype: number | undefined,
  bytes: Uint8Array | undefined,
  metadata: DecodedMetaData | undefined,
): string {
  const size = count(bytes?.length ?? 0, 'byte', 'bytes');
  const details = [
    datatype === DataType.File && metadata?.fileName ? quoted(metadata.fileName) : null,
    metadata?.contentType ? metadata.contentType.slice(0, 60) : null,
    size,
    metadata?.md5 ? `md5 ${metadata.md5.slice(0, 32)}` : null,
  ].filter((detail): detail is string => detail !== null);
  return details.join(', ');
}
