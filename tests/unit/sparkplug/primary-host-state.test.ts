import { describe, expect, it } from 'vitest';
import { PrimaryHostState } from '../../../src/backend/ingest/sparkplug/primary-host-state';

describe('Sparkplug primary host STATE', () => {
  it('publishes the 3.0 JSON form, retained at QoS 1, birth stamped like the will', () => {
    let now = 1_000;
    const host = new PrimaryHostState('spBv1.0', 'linewatch', () => now);
    expect(host.will()).toEqual({
      topic: 'spBv1.0/STATE/linewatch',
      payload: '{"online":false,"timestamp":1000}',
      qos: 1,
      retain: true,
    });
    now = 1_500;
    expect(host.birth()).toEqual({
      topic: 'spBv1.0/STATE/linewatch',
      payload: '{"online":true,"timestamp":1000}',
      qos: 1,
      retain: true,
    });
    // A reconnect: a new will, and the birth follows its stamp.
    host.will();
    expect(JSON.parse(host.birth().payload)).toEqual({ online: true, timestamp: 1_500 });
  });

  it('sees an offline STATE on its own topic as one to answer, and ignores others', () => {
    const host = new PrimaryHostState('spBv1.0', 'linewatch', () => 0);
    const bytes = (text: string) => new TextEncoder().encode(text);
    expect(host.contradicts('spBv1.0/STATE/linewatch', bytes('{"online":false}'))).toBe(true);
    expect(host.contradicts('spBv1.0/STATE/linewatch', bytes('{"online":true}'))).toBe(false);
    expect(host.contradicts('spBv1.0/STATE/other', bytes('{"online":false}'))).toBe(false);
  });
});
