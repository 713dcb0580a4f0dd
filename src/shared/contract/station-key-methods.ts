import { z } from 'zod';
import { defineMethod } from './define';
import { DisplayName, Identifier, IsoTime } from './schemas';

/**
 * Station keys: test stations that cannot speak MQTT post their results over HTTP
 * (`POST /ingest`, also `/api/ingest`) with a key an admin created for some lines or
 * machines. A key can do nothing but ingest: it is not a login.
 */

/** At most this many test results in one request (stations that buffer send arrays). */
export const MAX_STATION_ITEMS = 10_000;

/** A key as listed: never the key itself, which is shown once, at creation. */
export const StationKey = z.object({
  id: z.number().int().positive(),
  name: DisplayName,
  /** The key's first characters, so an admin can tell which key a station has. */
  prefix: z.string(),
  lines: z.array(Identifier),
  machines: z.array(Identifier),
  createdAt: IsoTime,
  createdBy: z.string(),
  revokedAt: IsoTime.nullable(),
  revokedBy: z.string().nullable(),
  /** Updated at most once a minute, with the "used" event. */
  lastUsedAt: IsoTime.nullable(),
});
export type StationKey = z.infer<typeof StationKey>;

export const NewStationKey = z
  .object({
    name: DisplayName,
    lines: z.array(Identifier).max(500).default([]),
    machines: z.array(Identifier).max(5000).default([]),
  })
  .refine((key) => key.lines.length + key.machines.length > 0, {
    message: 'choose at least one line or machine the key may post for',
    path: ['lines'],
  });
export type NewStationKey = z.input<typeof NewStationKey>;

/** What creating a key answers: the key itself, shown this once and never stored in clear. */
export const CreatedStationKey = z.object({ stationKey: StationKey, secret: z.string() });
export type CreatedStationKey = z.infer<typeof CreatedStationKey>;

/** One item's answer: stored, duplicate, or refused with the reason naming the field. */
export const StationItemAnswer = z.object({
  index: z.number().int().min(0),
  outcome: z.enum(['stored', 'duplicate', 'refused']),
  /** For refusals: the field at fault (null when the item as a whole is wrong). */
  field: z.string().nullable().optional(),
  reason: z.string().optional(),
});
export type StationItemAnswer = z.infer<typeof StationItemAnswer>;

export const StationIngestAnswer = z.object({
  stored: z.number().int().min(0),
  duplicates: z.number().int().min(0),
  refused: z.number().int().min(0),
  items: z.array(StationItemAnswer),
});
export type StationIngestAnswer = z.infer<typeof StationIngestAnswer>;

/** The body a station posts: one flat test result, or an array of them. */
export const StationIngestBody = z
  .union([z.record(z.string(), z.unknown()), z.array(z.unknown())])
  // Checked after the union, so the answer names the count rather than "Invalid input".
  .superRefine((body, context) => {
    if (!Array.isArray(body)) return;
    if (body.length === 0)
      context.addIssue({ code: 'custom', message: 'send at least one test result' });
    if (body.length > MAX_STATION_ITEMS) {
      context.addIssue({
        code: 'custom',
        message: `at most ${MAX_STATION_ITEMS.toLocaleString('en')} test results per request; this one has ${body.length.toLocaleString('en')}`,
      });
    }
  });

const none = { kind: 'none' } as const;

export const stationKeyMethods = {
  'stationKeys.list': defineMethod({
    summary: 'Station keys, revoked ones included (never the keys themselves).',
    input: z.object({}),
    output: z.array(StationKey),
    permission: 'stationkeys.manage',
    scope: none,
    http: { verb: 'GET', path: '/station-keys' },
    example: {},
  }),
  'stationKeys.create': defineMethod({
    summary:
      'Creates a named station key for some lines and/or machines; the answer holds the key, shown this once.',
    input: NewStationKey,
    output: CreatedStationKey,
    permission: 'stationkeys.manage',
    scope: none,
    http: { verb: 'POST', path: '/station-keys' },
    example: { name: 'Example station', lines: ['L-1'], machines: [] },
  }),
  'stationKeys.revoke': defineMethod({
    summary: 'Revokes a station key at once; its station is refused from then on.',
    input: z.object({ id: z.coerce.number().int().positive() }),
    output: StationKey,
    permission: 'stationkeys.manage',
    scope: none,
    http: { verb: 'POST', path: '/station-keys/:id/revoke' },
    example: { id: 999999 },
  }),
  'ingest.station': defineMethod({
    summary:
      'A test station posts results with a station key (Authorization: Bearer <key> or X-Api-Key: <key>): one flat result or an array of up to 10,000. Served at POST /ingest and POST /api/ingest as well. The line comes from the machine registration; the answer is per item.',
    input: StationIngestBody,
    output: StationIngestAnswer,
    permission: 'station.ingest',
    // The handler keeps each item to the key's lines and machines.
    scope: { kind: 'filtered' },
    http: { verb: 'POST', path: '/ingest/station' },
    example: {
      barcode: 'SN-EX',
      machine_id: 'M-1',
      product_id: 'P',
      test_step: 's',
      measured_value: 1,
      timestamp: '2026-11-22T10:00:00Z',
    },
  }),
};
