import { describe, expect, it } from 'vitest';
import { inLineScope, subscriptionTopics } from '../../src/backend/ingest/broker/broker-subscriber';
import { parseConsoleOptions, UsageError } from '../../src/console/cli-options';

const parse = (...argv: string[]) => parseConsoleOptions(argv, {});

describe('the server decides on TLS', () => {
  it('serves plain HTTP on loopback unless asked or given a certificate', () => {
    expect(parse().tls).toBe('off');
    expect(parse('--host', '127.0.0.2').tls).toBe('off');
    expect(parse('--host', '::1').tls).toBe('off');
    expect(parse('--tls', 'on').tls).toBe('own');
    expect(parse('--tls-cert', 'c.pem', '--tls-key', 'k.pem').tls).toBe('given');
  });

  it('uses its own certificate on any other address, plain HTTP there only with --insecure', () => {
    expect(parse('--host', '0.0.0.0').tls).toBe('own');
    expect(parse('--host', '192.0.2.10').tls).toBe('own');
    expect(parse('--host', '0.0.0.0', '--insecure').tls).toBe('off');
    expect(parse('--host', '0.0.0.0', '--tls-cert', 'c.pem', '--tls-key', 'k.pem').tls).toBe(
      'given',
    );
  });

  it('refuses contradictions and unknown modes', () => {
    expect(() => parse('--tls', 'maybe')).toThrow(/--tls must be auto or on/);
    expect(() => parse('--tls', 'on', '--insecure')).toThrow(UsageError);
    expect(() => parse('--tls-cert', 'c.pem')).toThrow(/go together/);
  });
});

describe('--lines', () => {
  it('takes line ids separated by commas and subscribes to those lines only', () => {
    const { lines } = parse('--lines', 'L1, L2,L1');
    expect(lines).toEqual(['L1', 'L2']);
    expect(subscriptionTopics('factory', lines)).toEqual([
      'factory/L1/+/test',
      'factory/L1/+/telemetry',
      'factory/L1/+/state',
      'factory/L1/+/command/ack',
      'factory/L2/+/test',
      'factory/L2/+/telemetry',
      'factory/L2/+/state',
      'factory/L2/+/command/ack',
    ]);
    expect(parse().lines).toEqual([]);
    expect(subscriptionTopics('factory', [])).toContain('factory/+/+/test');
  });

  it('refuses an id that would be an MQTT wildcard or another topic level', () => {
    for (const bad of ['L#', '+', 'L1/M1', 'a b']) {
      expect(() => parse('--lines', bad)).toThrow(/--lines takes line ids/);
    }
  });

  it('tells topics of its lines from the others', () => {
    expect(inLineScope('factory/L1/M1/test', 'factory', ['L1'])).toBe(true);
    expect(inLineScope('factory/L10/M1/test', 'factory', ['L1'])).toBe(false);
    expect(inLineScope('plant/factory/L1/M1/test', 'plant/factory', ['L1'])).toBe(true);
    expect(inLineScope('other/L1/M1/test', 'factory', ['L1'])).toBe(false);
    expect(inLineScope('factory/L2/M1/test', 'factory', [])).toBe(true);
  });
});
