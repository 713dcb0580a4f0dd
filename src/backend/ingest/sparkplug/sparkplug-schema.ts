import protobuf from 'protobufjs';

/**
 * The Sparkplug B payload schema (Sparkplug 3.0, ISO/IEC 20237, chapter 6: "Payloads"), as a
 * protobufjs JSON descriptor: package `org.eclipse.tahu.protobuf`, message `Payload`, proto2.
 * Written from the specification's field numbers and types, so the wire format is the
 * official `sparkplug_b.proto`'s. Kept in code rather than as a .proto file read at run time,
 * so the esbuild server bundle and the store process need no file beside them.
 *
 * Extension ranges (`extensions 6 to max`) carry no fields and are left out: protobufjs skips
 * unknown fields when it decodes, which is what a receiver of extensions it does not know does.
 */
const valueOneof = (names: string[]) => ({ value: { oneof: names } });

const descriptor = {
  nested: {
    org: {
      nested: {
        eclipse: {
          nested: {
            tahu: {
              nested: {
                protobuf: {
                  nested: {
                    Payload: {
                      // proto2: explicit presence, so a `seq` of 0 is sent and read back.
                      edition: 'proto2',
                      fields: {
                        timestamp: { type: 'uint64', id: 1 },
                        metrics: { rule: 'repeated', type: 'Metric', id: 2 },
                        seq: { type: 'uint64', id: 3 },
                        uuid: { type: 'string', id: 4 },
                        body: { type: 'bytes', id: 5 },
                      },
                      nested: {
                        Template: {
                          fields: {
                            version: { type: 'string', id: 1 },
                            metrics: { rule: 'repeated', type: 'Metric', id: 2 },
                            parameters: { rule: 'repeated', type: 'Parameter', id: 3 },
                            templateRef: { type: 'string', id: 4 },
                            isDefinition: { type: 'bool', id: 5 },
                          },
                          nested: {
                            Parameter: {
                              oneofs: valueOneof([
                                'intValue',
                                'longValue',
                                'floatValue',
                                'doubleValue',
                                'booleanValue',
                                'stringValue',
                              ]),
                              fields: {
                                name: { type: 'string', id: 1 },
                                type: { type: 'uint32', id: 2 },
                                intValue: { type: 'uint32', id: 3 },
                                longValue: { type: 'uint64', id: 4 },
                                floatValue: { type: 'float', id: 5 },
                                doubleValue: { type: 'double', id: 6 },
                                booleanValue: { type: 'bool', id: 7 },
                                stringValue: { type: 'string', id: 8 },
                              },
                            },
                          },
                        },
                        DataSet: {
                          fields: {
                            numOfColumns: { type: 'uint64', id: 1 },
                            columns: { rule: 'repeated', type: 'string', id: 2 },
                            types: { rule: 'repeated', type: 'uint32', id: 3 },
                            rows: { rule: 'repeated', type: 'Row', id: 4 },
                          },
                          nested: {
                            DataSetValue: {
                              oneofs: valueOneof([
                                'intValue',
                                'longValue',
                                'floatValue',
                                'doubleValue',
                                'booleanValue',
                                'stringValue',
                              ]),
                              fields: {
                                intValue: { type: 'uint32', id: 1 },
                                longValue: { type: 'uint64', id: 2 },
                                floatValue: { type: 'float', id: 3 },
                                doubleValue: { type: 'double', id: 4 },
                                booleanValue: { type: 'bool', id: 5 },
                                stringValue: { type: 'string', id: 6 },
                              },
                            },
                            Row: {
                              fields: {
                                elements: { rule: 'repeated', type: 'DataSetValue', id: 1 },
                              },
                            },
                          },
                        },
                        PropertyValue: {
                          oneofs: valueOneof([
                            'intValue',
                            'longValue',
                            'floatValue',
                            'doubleValue',
                            'booleanValue',
                            'stringValue',
                            'propertysetValue',
                            'propertysetsValue',
                          ]),
                          fields: {
                            type: { type: 'uint32', id: 1 },
                            isNull: { type: 'bool', id: 2 },
                            intValue: { type: 'uint32', id: 3 },
                            longValue: { type: 'uint64', id: 4 },
                            floatValue: { type: 'float', id: 5 },
                            doubleValue: { type: 'double', id: 6 },
                            booleanValue: { type: 'bool', id: 7 },
                            stringValue: { type: 'string', id: 8 },
                            propertysetValue: { type: 'PropertySet', id: 9 },
                            propertysetsValue: { type: 'PropertySetList', id: 10 },
                          },
                        },
                        PropertySet: {
                          fields: {
                            keys: { rule: 'repeated', type: 'string', id: 1 },
                            values: { rule: 'repeated', type: 'PropertyValue', id: 2 },
                          },
                        },
                        PropertySetList: {
                          fields: {
                            propertyset: { rule: 'repeated', type: 'PropertySet', id: 1 },
                          },
                        },
                        MetaData: {
                          fields: {
                            isMultiPart: { type: 'bool', id: 1 },
                            contentType: { type: 'string', id: 2 },
                            size: { type: 'uint64', id: 3 },
                            seq: { type: 'uint64', id: 4 },
                            fileName: { type: 'string', id: 5 },
                            fileType: { type: 'string', id: 6 },
                            md5: { type: 'string', id: 7 },
                            description: { type: 'string', id: 8 },
                          },
                        },
                        Metric: {
                          oneofs: valueOneof([
                            'intValue',
                            'longValue',
                            'floatValue',
                            'doubleValue',
                            'booleanValue',
                            'stringValue',
                            'bytesValue',
                            'datasetValue',
                            'templateValue',
                          ]),
                          fields: {
                            name: { type: 'string', id: 1 },
                            alias: { type: 'uint64', id: 2 },
                            timestamp: { type: 'uint64', id: 3 },
                            datatype: { type: 'uint32', id: 4 },
                            isHistorical: { type: 'bool', id: 5 },
                            isTransient: { type: 'bool', id: 6 },
                            isNull: { type: 'bool', id: 7 },
                            metadata: { type: 'MetaData', id: 8 },
                            properties: { type: 'PropertySet', id: 9 },
                            intValue: { type: 'uint32', id: 10 },
                            longValue: { type: 'uint64', id: 11 },
                            floatValue: { type: 'float', id: 12 },
                            doubleValue: { type: 'double', id: 13 },
                            booleanValue: { type: 'bool', id: 14 },
                            stringValue: { type: 'string', id: 15 },
                            bytesValue: { type: 'bytes', id: 16 },
                            datasetValue: { type: 'DataSet', id: 17 },
                            templateValue: { type: 'Template', id: 18 },
                          },
                        },
                      },
                    },
                  },
                },
              },
            },
          },
        },
      },
    },
  },
};

/** The compiled `Payload` message type (built once, at the module's load). */
export const PayloadType = protobuf.Root.fromJSON(descriptor).lookupType(
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
