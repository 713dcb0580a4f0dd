import { MAX_EPOCH_MS } from './limits';
import { ProtocolRefusal, describeJsonType, quote } from './refusal';

/**
 * ISO 8601 date-time with a zone: `2026-11-22T10:00:00Z`, `...T10:00:00.123+01:00`, `...T10:00Z`.
 * Seconds and the fraction are optional (ISO allows minute precision); the zone is not.
 */
const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(?:([Zz])|([+-])(\d{2})(?::?(\d{2}))?)?$/;

const MS_PER_DAY = 86_400_000;

/**
 * Reads a protocol timestamp into epoch milliseconds, or throws a refusal naming `field`.
 * Any real time is read here; whether it is plausible (not too far ahead of the receiving
 * clock) is judged once the message is parsed (see future.ts), against `receivedAtMs`.
 */
export function readTimestamp(value: unknown, field: string): number {
  if (typeof value === 'number') return readEpochMs(value, field);
  if (typeof value !== 'string') {
    throw new ProtocolRefusal(
      field,
      `not a time: expected an ISO 8601 string or epoch milliseconds, got ${describeJsonType(value)}`,
    );
  }
  const fast = readCommonIso(value);
  if (fast !== null) return fast;
  const parts = ISO_DATE_TIME.exec(value);
  if (parts === null) {
    throw new ProtocolRefusal(field, `not a time: ${quote(value)} is not ISO 8601 with a zone`);
  }
  const [, year, month, day, hour, minute, second, fraction, zulu, sign, zoneHours, zoneMinutes] =
    parts;
  if (zulu === undefined && sign === undefined) {
    throw new ProtocolRefusal(field, `not a time: ${quote(value)} has no zone (add Z or +hh:mm)`);
  }
  const y = Number(year);
  const mo = Number(month);
  const d = Number(day);
  const h = Number(hour);
  const mi = Number(minute);
  const s = second === undefined ? 0 : Number(second);
  const offsetMinutes =
    sign === undefined
      ? 0
      : (sign === '-' ? -1 : 1) * (Number(zoneHours) * 60 + Number(zoneMinutes ?? 0));
  // Leap seconds (:60) are refused: JavaScript time cannot hold them.
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h > 23 || mi > 59 || s > 59) {
    throw new ProtocolRefusal(field, `not a time: ${quote(value)} is not a calendar date and time`);
  }
  if (Number(zoneHours ?? 0) > 23 || Number(zoneMinutes ?? 0) > 59) {
    throw new ProtocolRefusal(field, `not a time: ${quote(value)} has an impossible zone offset`);
  }
  // Fractions finer than a millisecond are truncated: storage keeps milliseconds.
  const ms = fraction === undefined ? 0 : Number(fraction.slice(0, 3).padEnd(3, '0'));
  return (
    daysSinceEpoch(y, mo, d) * MS_PER_DAY + ((h * 60 + mi - offsetMinutes) * 60 + s) * 1000 + ms
  );
}

const DIGIT_0 = 48;
const digitAt = (text: string, at: number): number => {
  const digit = text.charCodeAt(at) - DIGIT_0;
  return digit >= 0 && digit <= 9 ? digit : -1;
};
/** Two digits at `at` as a number, or -1. */
const twoDigitsAt = (text: string, at: number): number => {
  const tens = digitAt(text, at);
  const ones = digitAt(text, at + 1);
  return tens < 0 || ones < 0 ? -1 : tens * 10 + ones;
};

/**
 * The form nearly every machine sends, `YYYY-MM-DDTHH:MM:SSZ` with or without a fraction, read
 * by character instead of by the regular expression (about a tenth of its cost, for every
 * message). Null for anything else, or anything the checks below would refuse: those go the
 * general way, which reads the same value or gives the reason.
 */
function readCommonIso(value: string): number | null {
  const length = value.length;
  if (length < 20 || value.charCodeAt(length - 1) !== 90 /* Z */) return null;
  if (value[4] !== '-' || value[7] !== '-' || value[10] !== 'T') return null;
  if (value[13] !== ':' || value[16] !== ':') return null;
  const century = twoDigitsAt(value, 0);
  const yearInCentury = twoDigitsAt(value, 2);
  const month = twoDigitsAt(value, 5);
  const day = twoDigitsAt(value, 8);
  const hour = twoDigitsAt(value, 11);
  const minute = twoDigitsAt(value, 14);
  const second = twoDigitsAt(value, 17);
  if (century < 0 || yearInCentury < 0 || month < 0 || day < 0) return null;
  if (hour < 0 || minute < 0 || second < 0) return null;
  let ms = 0;
  if (length > 20) {
    // A fraction: '.' or ',' and 1 to 9 digits; milliseconds are its first three.
    const separator = value[19];
    const digits = length - 21;
    if ((separator !== '.' && separator !== ',') || digits < 1 || digits > 9) return null;
    for (let at = 20; at < length - 1; at += 1) {
      const digit = digitAt(value, at);
      if (digit < 0) return null;
      if (at < 23) ms = ms * 10 + digit;
    }
    for (let at = Math.min(digits, 3); at < 3; at += 1) ms *= 10;
  } else if (length !== 20) {
    return null;
  }
  const year = century * 100 + yearInCentury;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 59) return null;
  return (
    daysSinceEpoch(year, month, day) * MS_PER_DAY + ((hour * 60 + minute) * 60 + second) * 1000 + ms
  );
}

function readEpochMs(value: number, field: string): number {
  if (!Number.isFinite(value)) throw new ProtocolRefusal(field, 'not a time: not a finite number');
  if (!Number.isInteger(value)) {
    throw new ProtocolRefusal(
      field,
      `not a time: epoch milliseconds must be an integer, got ${value}`,
    );
  }
  if (Math.abs(value) > MAX_EPOCH_MS) {
    throw new ProtocolRefusal(field, `not a time: ${value} is outside the range of a date`);
  }
  return value;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant's `days_from_civil`).
 * Computed by hand because Date.UTC maps years 0-99 to 1900-1999.
 */
function daysSinceEpoch(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra =
    yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}
