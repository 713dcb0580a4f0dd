import protobuf from 'protobufjs';
import { sparkplugDescriptor } from './sparkplug_b.descriptor';

/**
 * The Sparkplug B payload schema (Sparkplug 3.0, ISO/IEC 20237, chapter 6: "Payloads"): the
 * official `sparkplug_b.proto` (package `org.eclipse.tahu.protobuf`, proto2, beside this file),
 * as protobufjs compiles it. The compiled descriptor is checked in (sparkplug_b.descriptor.ts,
 * written by scripts/generate-sparkplug-descriptor.mjs; a unit test recompiles the .proto and
 * compares), so the esbuild server bundle, the store process and tsx need no file at run time.
 */

/** The compiled `Payload` message type (built once, at the module's load). */
export const PayloadType = protobuf.Root.fromJSON(sparkplugDescriptor).lookupType(
  'org.eclipse.tahu.protobuf.Payload',
);

/** Sparkplug B data types (specification 6.4.16), the `datatype` of a metric. */
export const DataType = {
  Unknown: 0,
  Int8: 1,
  Int16: 2,
  Int32: 3,
  Int64: 4,
  UInt8: 5,
  UInt16: 6,
  UInt32: 7,
  UInt64: 8,
  Float: 9,
  Double: 10,
  Boolean: 11,
  String: 12,
  DateTime: 13,
  Text: 14,
  UUID: 15,
  DataSet: 16,
  Bytes: 17,
  File: 18,
  Template: 19,
} as const;
export type DataTypeCode = (typeof DataType)[keyof typeof DataType];
