import { z } from 'zod';

/** The header a workstation (or a console-mode browser) names itself with. */
export const STATION_HEADER = 'X-Linewatch-Station';

/** A station name: 1–40 letters, digits, spaces and `-_.` ("CR-2", "Line 3 desk"). */
export const StationName = z
  .string()
  .trim()
  .regex(
    /^[\p{L}\p{N} ._-]{1,40}$/u,
    'A station name is 1–40 letters, digits, spaces, "-", "_" or "."',
  );

/** A valid station name, or null for none; a bad one is an error naming the rule. */
export function parseStationName(value: unknown):
  | { ok: true; station: string | null }
  | {
      ok: false;
      message: string;
    } {
  if (value === undefined || value === null || value === '') return { ok: true, station: null };
  const parsed = StationName.safeParse(value);
  if (parsed.success) return { ok: true, station: parsed.data };
  return {
    ok: false,
    message: `${STATION_HEADER}: ${parsed.error.issues[0]?.message ?? 'invalid'}`,
  };
}
