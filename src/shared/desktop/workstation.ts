import { z } from 'zod';
import { StationName } from '../station-name';

const Fingerprint = z
  .string()
  .regex(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/, 'A SHA-256 fingerprint, AB:CD:… (32 bytes)');

/** What a desktop is: the plant's Linewatch itself, or a station of a Linewatch server. */
export const WorkstationConfig = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('standalone'), station: StationName }),
  z.object({
    mode: z.literal('remote'),
    url: z
      .string()
      .url()
      .refine((url) => url.startsWith('https://'), 'The server address starts with https://'),
    fingerprint: Fingerprint,
    station: StationName,
  }),
]);
export type WorkstationConfig = z.infer<typeof WorkstationConfig>;

/** What the page learns of the choice (no token, nothing secret). */
export type WorkstationInfo = { firstStart: true } | ({ firstStart: false } & WorkstationConfig);

/** The answer to "save this choice": Linewatch restarts on success. */
export type WorkstationSaveResult = { ok: true } | { ok: false; message: string };

/** The answer to "which certificate does this server show?" (trust on first use). */
export type WorkstationProbeResult =
  { ok: true; fingerprint: string } | { ok: false; message: string };
