import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { OeeRow, Session, Settings } from '../../../src/shared/contract';
import { startTestServer, type TestServer } from '../../helpers/test-backend';

const H = 3_600_000;
// The night of the autumn change in Berlin: 22:00 CEST (20:00Z) to 06:00 CET (05:00Z), 9 hours.
const NIGHT_START = Date.parse('2026-10-24T20:00:00Z');
const NIGHT_END = Date.parse('2026-10-25T05:00:00Z');

describe("the plant's time zone", () => {
  let t: TestServer;
  let admin: Session;
  let machine: mqtt.MqttClient;

  beforeAll(async () => {
    t = await startTestServer({ ingest: true });
    admin = await t.setupAdmin();
    const { brokerUrl } = (await t.http('ingest.status', {}, admin.token)).body as {
      brokerUrl: string;
    };
    machine = await mqtt.connectAsync(brokerUrl);
    // A machine that ran through that night, one reading an hour.
    const send = (kind: string, body: object) =>
      machine.publishAsync(`factory/L-TZ/M-TZ/${kind}`, JSON.stringify(body), { qos: 1 });
    await send('state', { timestamp: NIGHT_START - H, state: 'running' });
    for (let at = NIGHT_START - H; at <= NIGHT_END + H; at += H) {
      await send('telemetry', { timestamp: at, temperature: 60, units_produced: 0 });
    }
  });
  afterAll(async () => {
    await machine?.endAsync();
    await t.close();
  });

  const settings = async (patch: Partial<Settings>) =>
    t.http('settings.update', patch, admin.token);

  /** The machine's rows once its night is stored (ingest is asynchronous). */
  const nightShiftRows = (): Promise<OeeRow[]> =>
    vi.waitFor(
      async () => {
        const found = await readNightShiftRows();
        expect(found.length).toBeGreaterThan(0);
        return found;
      },
      { timeout: 10_000, interval: 100 },
    );

  const readNightShiftRows = async (): Promise<OeeRow[]> => {
    const { body } = await t.http(
      'oee.report',
      {
        from: new Date(NIGHT_START).toISOString(),
        to: new Date(NIGHT_END).toISOString(),
        bucket: 'shift',
        machineId: 'M-TZ',
      },
      admin.token,
    );
    return (body as OeeRow[]).filter((row) => row.machineId === 'M-TZ');
  };

  it('refuses a zone that does not exist, naming the field', async () => {
    const refused = await settings({ timeZone: 'Mars/Olympus_Mons' });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toContain('timeZone');
  });

  it('places shifts on its wall clock: 9 hours of night shift on the autumn change in Berlin', async () => {
    expect((await settings({ timeZone: 'Europe/Berlin' })).status).toBe(200);
    const rows = await nightShiftRows();
    expect(rows.map((row) => row.label)).toEqual(['2026-10-24 Night']);
    expect(Date.parse(rows[0]!.bucketEnd) - Date.parse(rows[0]!.bucketStart)).toBe(9 * H);
  });

  it('moves the shifts when the zone changes, without a restart', async () => {
    expect((await settings({ timeZone: 'UTC' })).status).toBe(200);
    // In UTC the same instants are the end of Late (20:00–22:00) and most of Night (22:00–06:00).
    const labels = (await nightShiftRows()).map((row) => row.label);
    expect(labels).toEqual(['2026-10-24 Late', '2026-10-24 Night']);
  });
});
