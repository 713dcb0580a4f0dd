import { z } from 'zod';
import { isTimeZone } from '../rules/plant-time';
import { BrokerConnection, SparkplugConnection } from '../rules/broker-connection';
import { PaperSize } from './common-schemas';

// Plant settings and the broker an admin configures.

/** A shift starts at a wall-clock time (plant local time, HH:MM) and runs to the next one. */
export const Shift = z.object({
  name: z.string().min(1).max(40),
  start: z.string().regex(/^([01]\d|2[0-3]):00$/, 'must be a whole hour, HH:00'),
});
export type Shift = z.infer<typeof Shift>;

export const Settings = z.object({
  plantName: z.string().min(1).max(120),
  idleLockMinutes: z.number().int().min(1).max(480),
  /** A predicted threshold crossing closer than this raises an alert. */
  predictionHorizonMinutes: z.number().int().min(5).max(10_080),
  /** Raw telemetry is kept this long; per-minute rollups much longer. */
  rawRetentionDays: z.number().int().min(1).max(3650),
  rollupRetentionDays: z.number().int().min(1).max(36_500),
  shifts: z
    .array(Shift)
    .min(1)
    .max(6)
    .refine(
      (shifts) => new Set(shifts.map((s) => s.start)).size === shifts.length,
      'two shifts start at the same time',
    ),
  /**
   * Where the end-of-shift PDF reports are written (an absolute folder on the machine running
   * the backend); null switches the export off.
   */
  shiftReportFolder: z
    .string()
    .max(1024)
    .refine(
      (path) => path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path),
      'must be an absolute path',
    )
    .nullable(),
  shiftReportPaper: PaperSize,
  /**
   * The plant's time zone (IANA, e.g. "Europe/Berlin"): shifts, "today" and report times are on
   * its wall clock, whatever zone the server or a station runs in. Defaults to the server's.
   */
  timeZone: z
    .string()
    .max(64)
    .refine(isTimeZone, 'must be an IANA time zone such as Europe/Berlin'),
  /**
   * A message stamped further ahead of the receiving clock than this is refused as
   * implausible (dead-lettered); old stamps are accepted.
   */
  maxTimestampAheadMinutes: z.number().int().min(1).max(1440),
});
export type Settings = z.infer<typeof Settings>;

/**
 * Settings as `settings.get` answers them. Admins get every field; other roles only what their
 * screens need: no server paths (the report folder) and no data-keeping policy.
 */
export const SettingsView = Settings.partial({
  shiftReportFolder: true,
  rawRetentionDays: true,
  rollupRetentionDays: true,
});
export type SettingsView = z.infer<typeof SettingsView>;

/**
 * The plant broker as an admin sets it (src/shared/rules/broker-connection.ts); an empty URL
 * means the embedded broker. The password is write-only: absent keeps the stored one, '' clears it.
 */
export const BrokerConfig = BrokerConnection;
export type BrokerConfig = z.infer<typeof BrokerConfig>;

/** The broker as the admin page shows it: never the password, only whether there is one. */
export const BrokerConfigView = z.object({
  url: z.string(),
  username: z.string().nullable(),
  hasPassword: z.boolean(),
  caFile: z.string().nullable(),
  certFile: z.string().nullable(),
  keyFile: z.string().nullable(),
  topicRoot: z.string(),
  /** The Sparkplug B host application; null when it was never set (off). */
  sparkplug: SparkplugConnection.nullable().optional(),
  /** 'command line' when --broker or LINEWATCH_BROKER_URL decides, and this page cannot. */
  source: z.enum(['settings', 'command line', 'embedded default']),
});
export type BrokerConfigView = z.infer<typeof BrokerConfigView>;
