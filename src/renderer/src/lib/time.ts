const dateTime = new Intl.DateTimeFormat(undefined, {
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  // Shift work runs round the clock: 24-hour time avoids AM/PM misreadings.
  hourCycle: 'h23',
});
const clockTime = new Intl.DateTimeFormat(undefined, {
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

const clockTimeWithSeconds = new Intl.DateTimeFormat(undefined, {
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** "12:03:15": a moment of today, to the second (when the connection was lost). */
export function formatClockTime(ms: number): string {
  return clockTimeWithSeconds.format(new Date(ms));
}

/** Full local date and time, for tables and logs. */
export function formatDateTime(iso: string | null): string {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateTime.format(date);
}

/**
 * Hours and minutes, for "locked until 14:05" and times of the last day in narrow panels.
 * Adds the date when it is not today.
 */
export function formatUntil(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const sameDay = date.toDateString() === new Date().toDateString();
  return sameDay ? clockTime.format(date) : dateTime.format(date);
}

/** A value of <input type="datetime-local"> (local time) as an ISO instant for the API. */
export function localInputToIso(value: string): string | undefined {
  if (!value) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

const ISO_IN_TEXT = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?/;

/** Finds an ISO time inside a server message (e.g. "locked until 2025-…Z"). */
export function findIsoTime(text: string): string | null {
  const match = ISO_IN_TEXT.exec(text);
  return match ? match[0] : null;
}
