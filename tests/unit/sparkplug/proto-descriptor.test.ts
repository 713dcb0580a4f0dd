import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import protobuf from 'protobufjs';
import { describe, expect, it } from 'vitest';
import { sparkplugDescriptor } from '../../../src/backend/ingest/sparkplug/sparkplug_b.descriptor';
import { PayloadType } from '../../../src/backend/ingest/sparkplug/sparkplug-schema';

const protoPath = fileURLToPath(
  new URL('../../../src/backend/ingest/sparkplug/sparkplug_b.proto', import.meta.url),
);
const protoText = readFileSync(protoPath, 'utf8');

describe('the Sparkplug B schema is the official sparkplug_b.proto compiled by protobufjs', () => {
  it('the checked-in descriptor is what protobufjs compiles from the .proto today', () => {
    // Stale after a change to the .proto: run `node scripts/generate-sparkplug-descriptor.mjs`.
    const compiled = protobuf.parse(protoText).root.toJSON();
    expect(JSON.parse(JSON.stringify(sparkplugDescriptor))).toEqual(
      JSON.parse(JSON.stringify(compiled)),
    );
  });

  it('keeps the EPL-2.0 notice and the package, proto2, of the specification', () => {
    expect(protoText).toContain('SPDX-License-Identifier: EPL-2.0');
    expect(protoText).toContain('syntax = "proto2";');
    expect(PayloadType.fullName).toBe('.org.eclipse.tahu.protobuf.Payload');
    const metric = PayloadType.lookupType('Payload.Metric');
    // The value oneof with the 3.0 extension member, by the official field numbers.
    expect(metric.oneofs.value?.fieldsArray.map((field) => [field.name, field.id])).toEqual([
      ['intValue', 10],
      ['longValue', 11],
      ['floatValue', 12],
      ['doubleValue', 13],
      ['booleanValue', 14],
      ['stringValue', 15],
      ['bytesValue', 16],
      ['datasetValue', 17],
      ['templateValue', 18],
      ['extensionValue', 19],
    ]);
  });
});
