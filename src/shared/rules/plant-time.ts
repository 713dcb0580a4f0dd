import { DateTime, IANAZone } from 'luxon';

/**
 * The plant's wall clock. Shifts, "today", report headers and end-of-shift files are in the
 * plant's time zone (a setting, an IANA name such as "Europe/Berlin"), whatever zone the
 * server or a station runs in. Luxon does the zone arithmetic, so daylight-saving days have
 * 23 or 25 hours instead of one fixed offset for a whole range.
 */

/** Whether `name` is an IANA time zone this runtime knows ("UTC" included). */
export function isTimeZone(name: string): boolean {
  return IANAZone.isValidZone(name);
}

/** The zone of the machine running this code; the default plant zone. */
export function systemTimeZone(): string {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return zone && isTimeZone(zone) ? zone : 'UTC';
}

const inZone = (ms: number, zone: string): DateTime => DateTime.fromMillis(ms, { zone });

/** "2026-11-22 06:00" in the plant's zone. */
export function formatPlantTime(ms: number, zone: string): string {
  return inZone(ms, zone).toFormat('yyyy-MM-dd HH:mm');
}

/** "2026-11-22" in the plant's zone. */
export function plantDate(ms: number, zone: string): string {
  return inZone(ms, zone).toFormat('yyyy-MM-dd');
}

/** "UTC+01:00" at that instant (it changes with daylight saving). */
export function utcOffsetLabel(ms: number, zone: string): string {
  const offset = inZone(ms, zone).offset;
  const sign = offset < 0 ? '−' : '+';
  const minutes = Math.abs(offset);
  const pad = (value: number) => String(value).padStart(2, '0');
  return `UTC${sign}${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}

/**
 * The instant of a wall-clock time on the calendar day `dayOffset` days from the plant date of
 * `ms`. A time that does not exist that day (the hour skipped in spring) moves forward, as
 * clocks on the wall do.
 */
export function plantWallTime(ms: number, zone: string, hour: number, dayOffset = 0): number {
  return inZone(ms, zone)
    .startOf('day')
    .plus({ days: dayOffset })
    .set({ hour, minute: 0, second: 0, millisecond: 0 })
    .toMillis();
}

/** Plant midnight of the day `dayOffset` days from the plant date of `ms`. */
export function plantMidnight(ms: number, zone: string, dayOffset = 0): number {
  return inZone(ms, zone).startOf('day').plus({ days: dayOffset }).toMillis();
}

/** The value of an `<input type="datetime-local">` for an instant, in the plant's zone. */
export function toPlantInput(ms: number, zone: string): string {
  return inZone(ms, zone).toFormat("yyyy-MM-dd'T'HH:mm");
}

/** The instant an `<input type="datetime-local">` value means in the plant's zone; NaN if none. */
export function fromPlantInput(value: string, zone: string): number {
  const parsed = DateTime.fromISO(value, { zone });
  return parsed.isValid ? parsed.toMillis() : Number.NaN;
}
