import { describe, expect, it } from 'vitest';
import {
  decodePayload,
  encodePayload,
} from '../../../src/backend/ingest/sparkplug/sparkplug-codec';
import { DataType, PayloadType } from '../../../src/backend/ingest/sparkplug/sparkplug-schema';
import {
  parseSparkplugTopic,
  sparkplugTopic,
} from '../../../src/backend/ingest/sparkplug/sparkplug-topic';

describe('Sparkplug B codec', () => {
  it('round-trips every scalar data type, signed integers included', () => {
    const bytes = encodePayload({
      timestampMs: 1_700_000_000_123,
      seq: 7,
      metrics: [
        { name: 'i8', alias: 1, datatype: DataType.Int8, value: -5 },
        { name: 'i16', alias: 2, datatype: DataType.Int16, value: -300 },
        { name: 'i32', alias: 3, datatype: DataType.Int32, value: -70_000 },
        { name: 'i64', alias: 4, datatype: DataType.Int64, value: -9_000_000_000 },
        { name: 'u64', alias: 5, datatype: DataType.UInt64, value: 9_000_000_000 },
        { name: 'f', alias: 6, datatype: DataType.Float, value: 1.5 },
        { name: 'd', alias: 7, datatype: DataType.Double, value: 21.7 },
        { name: 'b', alias: 8, datatype: DataType.Boolean, value: true },
        { name: 's', alias: 9, datatype: DataType.String, value: 'running' },
        { name: 'n', alias: 10, datatype: DataType.Double, value: null },
      ],
    });
    const decoded = decodePayload(bytes);
    expect(decoded.ok).toBe(true);
    if (!decoded.ok) return;
    expect(decoded.payload.timestampMs).toBe(1_700_000_000_123);
    expect(decoded.payload.seq).toBe(7);
    expect(decoded.payload.metrics.map((metric) => [metric.name, metric.value])).toEqual([
      ['i8', -5],
      ['i16', -300],
      ['i32', -70_000],
      ['i64', -9_000_000_000],
      ['u64', 9_000_000_000],
      ['f', 1.5],
      ['d', 21.7],
      ['b', true],
      ['s', 'running'],
      ['n', null],
    ]);
    expect(decoded.payload.metrics[3]).toMatchObject({ alias: 4, datatype: DataType.Int64 });
  });

  it('keeps absent fields absent: a data message has aliases and no names', () => {
    const decoded = decodePayload(
      encodePayload({ seq: 0, metrics: [{ alias: 3, datatype: DataType.Double, value: 2 }] }),
    );
    expect(decoded).toEqual({
      ok: true,
      payload: {
        seq: 0,
        metrics: [{ alias: 3, datatype: DataType.Double, isHistorical: false, value: 2 }],
      },
    });
  });

  it('reads a payload written by the schema directly (as another client would)', () => {
    const bytes = PayloadType.encode(
      PayloadType.fromObject({
        timestamp: 5,
        seq: 255,
        metrics: [{ name: 'bdSeq', datatype: DataType.Int64, longValue: 3 }],
      }),
    ).finish();
    const decoded = decodePayload(bytes);
    expect(decoded.ok && decoded.payload.metrics[0]).toMatchObject({ name: 'bdSeq', value: 3 });
  });

  it('describes values it does not read: Bytes, File, DataSets of many rows, extensions', () => {
    const bytes = encodePayload({
      metrics: [
        {
          name: 'blob',
          datatype: DataType.Bytes,
          value: null,
          bytes: new Uint8Array(3),
          metadata: { contentType: 'application/octet-stream' },
        },
        {
          name: 'table',
          datatype: DataType.DataSet,
          value: null,
          dataset: { columns: ['a', 'b'], types: [DataType.Int32, DataType.String], rows: [] },
        },
        {
          name: 'row',
          datatype: DataType.DataSet,
          value: null,
          dataset: {
            columns: ['a', 'b'],
            types: [DataType.Int8, DataType.Boolean],
            rows: [[-2, true]],
          },
        },
      ],
    });
    const decoded = decodePayload(bytes);
    expect(decoded.ok && decoded.payload.metrics.map(({ name, unread }) => [name, unread])).toEqual(
      [
        ['blob', 'Bytes, application/octet-stream, 3 bytes'],
        ['table', 'DataSet, 0 rows × 2 columns ("a", "b")'],
        ['row', undefined],
      ],
    );
    // A one-row DataSet: its cells, typed by their columns (two's complement read back).
    expect(decoded.ok && decoded.payload.metrics[2]?.members).toEqual([
      { name: 'a', datatype: DataType.Int8, isHistorical: false, value: -2 },
      { name: 'b', datatype: DataType.Boolean, isHistorical: false, value: true },
    ]);
    // An extension value (the 3.0 schema's extension_value): described, not dropped.
    const extension = PayloadType.encode(
      PayloadType.fromObject({ metrics: [{ name: 'ext', datatype: 12, extensionValue: {} }] }),
    ).finish();
    const read = decodePayload(extension);
    expect(read.ok && read.payload.metrics[0]?.unread).toMatch(/^an extension value/);
  });

  it('refuses bytes that are not a Sparkplug protobuf, with a reason', () => {
    const decoded = decodePayload(new TextEncoder().encode('{"temperature": 21}'));
    expect(decoded.ok).toBe(false);
    if (decoded.ok) return;
    expect(decoded.reason).toMatch(/^payload: not a Sparkplug B protobuf \(.+\)$/);
  });

  it('refuses a truncated payload', () => {
    const bytes = encodePayload({
      seq: 1,
      metrics: [{ name: 'a long metric name', datatype: DataType.String, value: 'x' }],
    });
    const decoded = decodePayload(bytes.subarray(0, bytes.length - 4));
    expect(decoded.ok).toBe(false);
  });
});

describe('Sparkplug topics', () => {
  it('reads node, device and STATE topics', () => {
    expect(parseSparkplugTopic('spBv1.0/G1/NBIRTH/E1')).toEqual({
      ok: true,
      kind: 'message',
      topic: { messageType: 'NBIRTH', groupId: 'G1', edgeNodeId: 'E1', deviceId: '' },
    });
    expect(parseSparkplugTopic('spBv1.0/G1/DDATA/E1/D1')).toMatchObject({
      ok: true,
      topic: { messageType: 'DDATA', deviceId: 'D1' },
    });
    expect(parseSparkplugTopic('spBv1.0/STATE/linewatch')).toEqual({
      ok: true,
      kind: 'state',
      hostId: 'linewatch',
    });
  });

  it('refuses a device message without a device, a node message with one, and unknown types', () => {
    expect(parseSparkplugTopic('spBv1.0/G1/DDATA/E1').ok).toBe(false);
    expect(parseSparkplugTopic('spBv1.0/G1/NDATA/E1/D1').ok).toBe(false);
    expect(parseSparkplugTopic('spBv1.0/G1/XDATA/E1').ok).toBe(false);
    expect(parseSparkplugTopic('factory/L1/M1/test').ok).toBe(false);
  });

  it('builds the topic it reads', () => {
    const topic = { messageType: 'NCMD', groupId: 'G', edgeNodeId: 'E', deviceId: '' } as const;
    expect(sparkplugTopic('spBv1.0', topic)).toBe('spBv1.0/G/NCMD/E');
  });

  it("reads a Template instance's members, not a definition's", () => {
    const bytes = encodePayload({
      metrics: [
        {
          name: 'Test/Result',
          datatype: DataType.Template,
          value: null,
          templateRef: 'TestResult',
          members: [
            { name: 'barcode', datatype: DataType.String, value: 'SN-1' },
            { name: 'value', datatype: DataType.Double, value: 2.5 },
          ],
        },
      ],
    });
    const decoded = decodePayload(bytes);
    expect(decoded.ok && decoded.payload.metrics[0]?.members).toEqual([
      { name: 'barcode', datatype: DataType.String, isHistorical: false, value: 'SN-1' },
      { name: 'value', datatype: DataType.Double, isHistorical: false, value: 2.5 },
    ]);
    const definition = PayloadType.encode(
      PayloadType.fromObject({
        metrics: [
          {
            name: '_types_/TestResult',
            datatype: DataType.Template,
            templateValue: { isDefinition: true, metrics: [{ name: 'barcode', datatype: 12 }] },
          },
        ],
      }),
    ).finish();
    const read = decodePayload(definition);
    expect(read.ok && read.payload.metrics[0]?.members).toBeUndefined();
  });
});
