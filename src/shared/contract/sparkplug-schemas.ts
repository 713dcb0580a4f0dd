import { z } from 'zod';
import { Identifier, IsoTime } from './common-schemas';

/**
 * Sparkplug B devices as Linewatch saw them, and what an admin maps them to (issue 17).
 * A device is `group_id / edge_node_id / device_id`; device_id '' is the edge node itself.
 */

/** What a metric means to Linewatch. Metrics with no meaning become extra telemetry. */
export const SparkplugMetricRole = z.enum([
  'temperature',
  'units_produced',
  'state',
  'barcode',
  'product_id',
  'test_step',
  'measured_value',
  'unit',
  'operator',
  'extra',
  'ignore',
  // Written by Linewatch commands (NCMD/DCMD), never read as telemetry; set by an admin only.
  'command_start',
  'command_stop',
  'command_reset',
  'command_set_rate',
]);
export type SparkplugMetricRole = z.infer<typeof SparkplugMetricRole>;

/** A Sparkplug ID: UTF-8 without the MQTT separator and wildcards. */
export const SparkplugId = z
  .string()
  .max(128)
  .regex(/^[^+#/]*$/, 'must not contain + # or /');

export const SparkplugDeviceKey = z.object({
  groupId: SparkplugId.min(1),
  edgeNodeId: SparkplugId.min(1),
  /** '' for the edge node's own metrics. */
  deviceId: SparkplugId.default(''),
});
export type SparkplugDeviceKey = z.infer<typeof SparkplugDeviceKey>;

export const SparkplugDevice = z.object({
  groupId: z.string(),
  edgeNodeId: z.string(),
  deviceId: z.string(),
  lineId: z.string().nullable(),
  machineId: z.string().nullable(),
  /** The metrics of its last birth, with the meaning Linewatch gives each one now. */
  metrics: z.array(
    z.object({
      name: z.string(),
      datatype: z.string(),
      role: SparkplugMetricRole,
      /**
       * A metric whose values Linewatch does not store (Bytes, File, a DataSet of 0 or 2+ rows):
       * its newest value described ("File, \"report.pdf\", application/pdf, 2,048 bytes"),
       * when it was taken and how many messages carried one.
       */
      unread: z.object({ summary: z.string(), seen: z.number().int(), lastAt: IsoTime }).optional(),
    }),
  ),
  /** The meanings an admin set (metric name → role); the others follow the metric's name. */
  roles: z.record(z.string(), SparkplugMetricRole),
  firstSeenAt: IsoTime,
  lastSeenAt: IsoTime,
  mappedBy: z.string().nullable(),
});
export type SparkplugDevice = z.infer<typeof SparkplugDevice>;

export const SparkplugMapping = SparkplugDeviceKey.extend({
  /** Both null unmaps the device (its data is no longer stored). */
  lineId: Identifier.nullable(),
  machineId: Identifier.nullable(),
  roles: z.record(z.string().max(256), SparkplugMetricRole).default({}),
}).refine((mapping) => (mapping.lineId === null) === (mapping.machineId === null), {
  message: 'give both a line and a machine, or neither',
  path: ['machineId'],
});
export type SparkplugMapping = z.input<typeof SparkplugMapping>;
