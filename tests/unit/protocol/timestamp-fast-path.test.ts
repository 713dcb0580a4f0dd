import { describe, expect, it } from 'vitest';
import { readTimestamp } from '../../../src/backend/ingest/protocol/timestamp';

/** The value, or the refusal's reason without the quoted text (which differs in case). */
const outcomeOf = (text: string): number | string => {
  try {
    return readTimestamp(text, 'timestamp');
  } catch (error) {
    return (error as Error).message.replace(/"[^"]*"/, '…');
  }
};

/**
 * `YYYY-MM-DDTHH:MM:SS[.f…]Z` is read by character (the form nearly every machine sends);
 * with a lowercase `t` and `z` the same text goes through the regular expression. Both must
 * give the same time, or the same refusal, for anything of that shape, in range or not.
 */
describe('the common ISO form read by character', () => {
  it('gives what the general reading gives, for valid and invalid fields alike', () => {
    let seed = 3;
    const random = (below: number) => {
      seed = (seed * 48271) % 2147483647;
      return Math.floor((seed / 2147483647) * below);
    };
    const two = (limit: number) => String(random(limit)).padStart(2, '0');
    const separators = ['.', ',', ':', 'x'];
    let valid = 0;
    for (let index = 0; index < 50_000; index += 1) {
      const year = String(random(10_000)).padStart(4, '0');
      // Up to a little past each range: month 13, day 32, hour 24, minute and second 60.
      let text = `${year}-${two(14)}-${two(33)}T${two(25)}:${two(61)}:${two(61)}`;
      const fraction = random(12);
      if (fraction > 0) {
        text += separators[random(8) < 7 ? random(2) : 2 + random(2)];
        for (let digit = 0; digit < fraction; digit += 1) text += String(random(10));
      }
      if (random(50) === 0) text = text.slice(0, 5) + 'a' + text.slice(6);
      text += 'Z';
      const general = text.replace('T', 't').replace(/Z$/, 'z');
      const fast = outcomeOf(text);
      expect(fast, text).toEqual(outcomeOf(general));
      if (typeof fast === 'number') valid += 1;
    }
    // Both kinds were compared.
    expect(valid).toBeGreaterThan(5_000);
    expect(valid).toBeLessThan(45_000);
  });

  it('reads each fraction to the millisecond, as the general reading does', () => {
    for (const fraction of ['', '.1', '.12', '.123', '.1234', ',9', '.000000001', '.999999999']) {
      const text = `2026-02-28T23:59:59${fraction}Z`;
      expect(readTimestamp(text, 'timestamp'), text).toBe(
        readTimestamp(text.replace('T', 't').replace(/Z$/, 'z'), 'timestamp'),
      );
    }
    expect(readTimestamp('2026-11-22T10:00:00.5Z', 'timestamp')).toBe(
      Date.UTC(2026, 10, 22, 10, 0, 0, 500),
    );
  });
});
