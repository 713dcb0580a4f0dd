import { describe, expect, it } from 'vitest';
import {
  EdgeNodeSessions,
  REBIRTH_RETRY_MS,
} from '../../../src/backend/ingest/sparkplug/edge-node-sessions';
import type { SparkplugPayload } from '../../../src/backend/ingest/sparkplug/sparkplug-codec';
import { DataType } from '../../../src/backend/ingest/sparkplug/sparkplug-schema';
import type {
  MessageType,
  SparkplugTopic,
} from '../../../src/backend/ingest/sparkplug/sparkplug-topic';

const T0 = 1_000_000;
const at = (messageType: MessageType, deviceId = ''): SparkplugTopic => ({
  messageType,
  groupId: 'G',
  edgeNodeId: 'E',
  deviceId,
});
const metric = (
  name: string | undefined,
  alias: number,
  datatype: number,
  value: SparkplugPayload['metrics'][number]['value'],
) => ({ ...(name ? { name } : {}), alias, datatype, value, isHistorical: false });

const nbirth = (seq: number, bdSeq: number): SparkplugPayload => ({
  timestampMs: T0,
  seq,
  metrics: [metric('bdSeq', 0, DataType.Int64, bdSeq), metric('Uptime', 1, DataType.Int64, 5)],
});
const dbirth = (seq: number): SparkplugPayload => ({
  timestampMs: T0,
  seq,
  metrics: [
    metric('Temperature', 10, DataType.Double, 20),
    metric('State', 11, DataType.String, 'running'),
  ],
});
const ddata = (seq: number, temperature = 21, alias = 10): SparkplugPayload => ({
  timestampMs: T0 + seq,
  seq,
  metrics: [metric(undefined, alias, DataType.Double, temperature)],
});

function born(): EdgeNodeSessions {
  const sessions = new EdgeNodeSessions();
  expect(sessions.handle(at('NBIRTH'), nbirth(0, 3), T0).kind).toBe('birth');
  expect(sessions.handle(at('DBIRTH', 'D1'), dbirth(1), T0).kind).toBe('birth');
  return sessions;
}

describe('Sparkplug edge node sessions', () => {
  it('reads data by the aliases of the birth certificate', () => {
    const sessions = born();
    const outcome = sessions.handle(at('DDATA', 'D1'), ddata(2, 22.5), T0);
    expect(outcome).toEqual({
      kind: 'data',
      deviceId: 'D1',
      metrics: [
        {
          name: 'Temperature',
          datatype: DataType.Double,
          value: 22.5,
          timestampMs: T0 + 2,
          isHistorical: false,
        },
      ],
      unread: [],
      gap: undefined,
      rebirth: false,
    });
  });

  it('follows seq past 255 back to 0 without a gap', () => {
    const sessions = new EdgeNodeSessions();
    sessions.handle(at('NBIRTH'), nbirth(250, 1), T0);
    sessions.handle(at('DBIRTH', 'D1'), dbirth(251), T0);
    for (const seq of [252, 253, 254, 255, 0, 1, 2]) {
      const outcome = sessions.handle(at('DDATA', 'D1'), ddata(seq), T0);
      expect(outcome).toMatchObject({ kind: 'data', gap: undefined, rebirth: false });
    }
  });

  it('marks a seq gap, keeps the data, and asks for a rebirth once', () => {
    const sessions = born();
    const gapped = sessions.handle(at('DDATA', 'D1'), ddata(5), T0);
    expect(gapped).toMatchObject({
      kind: 'data',
      gap: { reason: 'seq 5 where 2 was due' },
      rebirth: true,
    });
    expect(gapped.kind === 'data' && gapped.metrics[0]?.value).toBe(21);
    // The next gap before any birth: marked, but the rebirth was just asked for.
    expect(sessions.handle(at('DDATA', 'D1'), ddata(9), T0 + 1)).toMatchObject({
      gap: { reason: 'seq 9 where 6 was due' },
      rebirth: false,
    });
    // No birth came: asked again after the retry interval.
    expect(sessions.handle(at('DDATA', 'D1'), ddata(20), T0 + REBIRTH_RETRY_MS)).toMatchObject({
      rebirth: true,
    });
  });

  it('a new birth ends the wait for a rebirth', () => {
    const sessions = born();
    expect(sessions.handle(at('DDATA', 'D1'), ddata(7), T0).rebirth).toBe(true);
    sessions.handle(at('NBIRTH'), nbirth(0, 4), T0 + 1);
    sessions.handle(at('DBIRTH', 'D1'), dbirth(1), T0 + 1);
    expect(sessions.handle(at('DDATA', 'D1'), ddata(9), T0 + 2).rebirth).toBe(true);
  });

  it('refuses an unknown alias and asks for a rebirth', () => {
    const sessions = born();
    const outcome = sessions.handle(at('DDATA', 'D1'), ddata(2, 21, 99), T0);
    expect(outcome).toMatchObject({
      kind: 'refused',
      field: 'metrics[0]',
      reason: 'metrics[0]: metric alias 99 is not in the birth certificate',
      rebirth: true,
    });
  });

  it('refuses data of a node never born, asking for a rebirth', () => {
    const sessions = new EdgeNodeSessions();
    expect(sessions.handle(at('NDATA'), ddata(1), T0)).toMatchObject({
      kind: 'refused',
      field: 'topic',
      rebirth: true,
    });
  });

  it('refuses a birth whose values do not match their data types', () => {
    const sessions = new EdgeNodeSessions();
    const outcome = sessions.handle(
      at('NBIRTH'),
      {
        seq: 0,
        metrics: [
          metric('bdSeq', 0, DataType.Int64, 1),
          metric('Temperature', 1, DataType.Double, 'hot'),
        ],
      },
      T0,
    );
    expect(outcome).toMatchObject({
      kind: 'refused',
      field: 'metrics[1]',
      reason: 'metrics[1] ("Temperature"): declared Double but carries a string',
    });
    expect(sessions.isOnline('G', 'E')).toBe(false);
  });

  it('refuses a birth without bdSeq and one that reuses an alias', () => {
    const sessions = new EdgeNodeSessions();
    expect(
      sessions.handle(at('NBIRTH'), { seq: 0, metrics: [metric('A', 1, DataType.Double, 1)] }, T0),
    ).toMatchObject({ kind: 'refused', field: 'bdSeq' });
    expect(
      sessions.handle(
        at('NBIRTH'),
        {
          seq: 0,
          metrics: [
            metric('bdSeq', 0, DataType.Int64, 1),
            metric('A', 1, DataType.Double, 1),
            metric('B', 1, DataType.Double, 2),
          ],
        },
        T0,
      ),
    ).toMatchObject({ kind: 'refused', reason: 'metrics[2] ("B"): alias 1 is already "A"' });
  });

  it('an NDEATH with the birth bdSeq takes the node and its devices offline', () => {
    const sessions = born();
    const death = {
      seq: undefined,
      metrics: [metric('bdSeq', 0, DataType.Int64, 3)],
    } as SparkplugPayload;
    expect(sessions.handle(at('NDEATH'), death, T0)).toEqual({
      kind: 'death',
      deviceIds: ['', 'D1'],
      rebirth: false,
    });
    expect(sessions.isOnline('G', 'E')).toBe(false);
  });

  it('ignores the NDEATH of an older session (another bdSeq)', () => {
    const sessions = born();
    const stale = { metrics: [metric('bdSeq', 0, DataType.Int64, 2)] } as SparkplugPayload;
    expect(sessions.handle(at('NDEATH'), stale, T0)).toMatchObject({ kind: 'ignored' });
    expect(sessions.isOnline('G', 'E')).toBe(true);
  });

  it('a DDEATH takes one device offline; its data is refused until it is born again', () => {
    const sessions = born();
    expect(sessions.handle(at('DDEATH', 'D1'), { seq: 2, metrics: [] }, T0)).toEqual({
      kind: 'death',
      deviceIds: ['D1'],
      gap: undefined,
      rebirth: false,
    });
    expect(sessions.handle(at('DDATA', 'D1'), ddata(3), T0)).toMatchObject({
      kind: 'refused',
      reason: 'topic: no DBIRTH of device D1 in this session',
    });
  });

  it('undoes a batch whose transaction failed', () => {
    const sessions = born();
    const undo = sessions.snapshot();
    sessions.handle(at('DDATA', 'D1'), ddata(2), T0);
    sessions.handle(at('DDEATH', 'D1'), { seq: 3, metrics: [] }, T0);
    undo();
    expect(sessions.handle(at('DDATA', 'D1'), ddata(2), T0)).toMatchObject({
      kind: 'data',
      gap: undefined,
    });
  });
});

describe('rebirths for payloads that did not decode', () => {
  it('are asked of a node in a session, within the same throttle', () => {
    const sessions = born();
    expect(sessions.wantsRebirth('G', 'E', T0)).toBe(true);
    expect(sessions.wantsRebirth('G', 'E', T0 + 1)).toBe(false);
    expect(sessions.wantsRebirth('G', 'E', T0 + REBIRTH_RETRY_MS)).toBe(true);
    expect(sessions.wantsRebirth('G', 'Other', T0)).toBe(false);
  });
});
