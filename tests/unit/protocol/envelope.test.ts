import { describe, expect, it } from 'vitest';
import {
  MAX_PAYLOAD_BYTES,
  buildTopic,
  parseFactoryMessage,
} from '../../../src/backend/ingest/protocol';
import { topicOf, validTestResult } from './fixtures';

const encode = (text: string): Uint8Array => new TextEncoder().encode(text);
const validBytes = encode(JSON.stringify(validTestResult()));

describe('topic', () => {
  it.each([
    ['outside the root', 'plant/LINE-1/MACH-01/test'],
    ['the root alone', 'factory/'],
    ['missing the kind', 'factory/LINE-1/MACH-01'],
    ['an unknown kind', 'factory/LINE-1/MACH-01/alarm'],
    ['an unknown sub-kind', 'factory/LINE-1/MACH-01/command/nack'],
    ['too many levels', 'factory/LINE-1/MACH-01/command/ack/extra'],
    ['an empty line', 'factory//MACH-01/test'],
    ['a line with a dot', 'factory/LINE.1/MACH-01/test'],
    ['a machine with a space', 'factory/LINE-1/MACH 01/test'],
    ['a machine of 65 characters', `factory/LINE-1/${'M'.repeat(65)}/test`],
    ['a wildcard', 'factory/+/MACH-01/test'],
  ])('refuses %s, naming topic', (_name, topic) => {
    const outcome = parseFactoryMessage(topic, validBytes);
    expect(outcome).toMatchObject({ ok: false, field: 'topic' });
    expect(!outcome.ok && outcome.reason.startsWith('topic: ')).toBe(true);
    expect('ignored' in outcome && outcome.ignored).toBeFalsy();
  });

  it('accepts identifiers of 64 characters with _ and -', () => {
    const machine = `M_-${'x'.repeat(61)}`;
    const body = { ...validTestResult(), machine_id: machine };
    const outcome = parseFactoryMessage(
      `factory/L_1-a/${machine}/test`,
      encode(JSON.stringify(body)),
    );
    expect(outcome.ok).toBe(true);
  });

  it('ignores, without refusing, the commands the app publishes itself', () => {
    expect(parseFactoryMessage(topicOf('command'), encode('{"command":"stop"}'))).toEqual({
      ok: false,
      ignored: true,
      field: 'topic',
      reason: 'topic: a command, published by the app itself',
    });
  });

  it('uses a configured root, which may have several levels', () => {
    const topic = 'site-2/factory/LINE-1/MACH-01/test';
    expect(parseFactoryMessage(topic, validBytes, { topicRoot: 'site-2/factory' }).ok).toBe(true);
    expect(parseFactoryMessage(topic, validBytes).ok).toBe(false);
  });

  it('builds topics the parser reads back', () => {
    expect(buildTopic('factory', 'LINE-1', 'MACH-01', 'command/ack')).toBe(
      'factory/LINE-1/MACH-01/command/ack',
    );
    expect(() => buildTopic('factory', 'LINE 1', 'MACH-01', 'test')).toThrow(/line id/);
    expect(() => buildTopic('factory/#', 'LINE-1', 'MACH-01', 'test')).toThrow(/root/);
  });
});

describe('payload', () => {
  it('accepts exactly 256 KiB and refuses one byte more, before decoding', () => {
    const padded = (size: number): Uint8Array => {
      const text = JSON.stringify({ ...validTestResult(), padding: '' });
      return encode(text.replace('"padding":""', `"padding":"${'p'.repeat(size - text.length)}"`));
    };
    expect(padded(MAX_PAYLOAD_BYTES).byteLength).toBe(MAX_PAYLOAD_BYTES);
    expect(parseFactoryMessage(topicOf('test'), padded(MAX_PAYLOAD_BYTES)).ok).toBe(true);
    expect(parseFactoryMessage(topicOf('test'), new Uint8Array(300_000))).toEqual({
      ok: false,
      field: 'payload',
      reason: 'payload: 300000 bytes is over the 256 KiB limit',
    });
  });

  it.each([
    ['empty', new Uint8Array(0), /^payload: empty$/],
    ['invalid UTF-8', new Uint8Array([0x7b, 0xc3, 0x28, 0x7d]), /^payload: not valid UTF-8$/],
    ['truncated JSON', encode('{"barcode": "SN-1'), /^payload: not valid JSON \(.+\)$/],
    ['JSON with a trailing comma', encode('{"a":1,}'), /^payload: not valid JSON/],
    ['a JSON array', encode('[1,2]'), /^payload: expected a JSON object, got array$/],
    ['JSON null', encode('null'), /^payload: expected a JSON object, got null$/],
    ['a JSON string', encode('"text"'), /^payload: expected a JSON object, got string$/],
    ['a JSON number', encode('42'), /^payload: expected a JSON object, got number$/],
  ])('refuses %s, naming payload', (_name, bytes, reason) => {
    const outcome = parseFactoryMessage(topicOf('test'), bytes);
    expect(outcome).toMatchObject({ ok: false, field: 'payload' });
    expect(!outcome.ok && outcome.reason).toMatch(reason);
  });

  it('accepts a UTF-8 byte order mark', () => {
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...validBytes]);
    expect(parseFactoryMessage(topicOf('test'), withBom).ok).toBe(true);
  });

  it('keeps the JSON error short even for a huge bad payload', () => {
    const outcome = parseFactoryMessage(topicOf('test'), encode(`{"a":"${'x'.repeat(200_000)}`));
    expect(!outcome.ok && outcome.reason.length).toBeLessThan(200);
  });

  it('reads a Node Buffer that is a slice of a larger one', () => {
    const pool = Buffer.concat([
      Buffer.from('garbage'),
      Buffer.from(validBytes),
      Buffer.from('!!'),
    ]);
    const slice = pool.subarray(7, 7 + validBytes.byteLength);
    expect(parseFactoryMessage(topicOf('test'), slice).ok).toBe(true);
  });
});
