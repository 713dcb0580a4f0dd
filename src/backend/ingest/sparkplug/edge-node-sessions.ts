import { certificateFromStored, certificateToStored, readBirth } from './birth-metrics';
import { birthMetrics, resolveAll } from './resolve-metrics';
import type { SparkplugPayload } from './sparkplug-codec';
import type { SparkplugTopic } from './sparkplug-topic';
import {
  nodeKey,
  splitKey,
  type DeviceSession,
  type GapNotice,
  type NodeSession,
  type ResolvedMetric,
  type UnreadMetric,
  type SessionChanges,
  type SessionOutcome,
  type StoredSession,
} from './session-types';

export type {
  GapNotice,
  ResolvedMetric,
  SessionChanges,
  SessionOutcome,
  StoredSession,
  UnreadMetric,
};

/** `seq` runs 0–255 and wraps to 0 (specification 6.4.20). */
const SEQ_MODULO = 256;

/** While a rebirth is asked for and no birth has come, it is asked again at most this often. */
export const REBIRTH_RETRY_MS = 10_000;

/**
 * The host's view of each edge node's session: births and their metric aliases, `seq` with
 * wrap-around, bdSeq pairing NBIRTH with NDEATH, and deaths. Pure: it is handed each decoded
 * message and the receiving clock's time, and says what the message means and whether to ask
 * the node for a rebirth (NCMD `Node Control/Rebirth`). Storage and publishing are the caller's.
 */
export class EdgeNodeSessions {
  private sessions = new Map<string, NodeSession>();
  /** When a rebirth was last asked of a node that has not been born since. */
  private rebirthAsked = new Map<string, number>();
  /** Nodes and node+device certificates changed since the last takeChanges (persistence). */
  private dirtyNodes = new Set<string>();
  private dirtyCertificates = new Set<string>();

  handle(topic: SparkplugTopic, payload: SparkplugPayload, nowMs: number): SessionOutcome {
    const key = nodeKey(topic);
    switch (topic.messageType) {
      case 'NBIRTH':
        return this.nodeBirth(key, payload, nowMs);
      case 'NDEATH':
        return this.nodeDeath(key, payload);
      case 'NCMD':
      case 'DCMD':
        return { kind: 'ignored', reason: 'a command, published by a host', rebirth: false };
      default:
        return this.inSession(key, topic, payload, nowMs);
    }
  }

  /** A copy of the state, taken before a batch: a batch whose transaction fails is undone. */
  snapshot(): () => void {
    const sessions = new Map(
      [...this.sessions].map(([key, session]) => [
        key,
        { ...session, devices: new Map(session.devices) },
      ]),
    );
    const asked = new Map(this.rebirthAsked);
    return () => {
      this.sessions = sessions;
      this.rebirthAsked = asked;
      // The failed batch's transaction wrote nothing: what it marked is moot.
      this.dirtyNodes = new Set();
      this.dirtyCertificates = new Set();
    };
  }

  /** Sessions read back from SQLite (a store process restarted in the same host session). */
  restore(stored: readonly StoredSession[]): void {
    for (const node of stored) {
      const own = node.certificates.get('');
      if (!own) continue; // no NBIRTH kept: the node is asked for one when its data comes
      const devices = new Map<string, DeviceSession>();
      for (const [deviceId, definitions] of node.certificates) {
        if (deviceId !== '')
          devices.set(deviceId, { certificate: certificateFromStored(definitions) });
      }
      this.sessions.set(`${node.groupId}\u0000${node.edgeNodeId}`, {
        bdSeq: node.bdSeq,
        lastSeq: node.lastSeq,
        online: node.online,
        node: { certificate: certificateFromStored(own) },
        devices,
      });
    }
  }

  /** The sessions' changes since the last call, to persist with the batch that made them. */
  takeChanges(): SessionChanges {
    const changes: SessionChanges = { nodes: [], certificates: [] };
    for (const key of this.dirtyNodes) {
      const session = this.sessions.get(key);
      const { groupId, edgeNodeId } = splitKey(key);
      changes.nodes.push({
        groupId,
        edgeNodeId,
        session: session
          ? { bdSeq: session.bdSeq, lastSeq: session.lastSeq, online: session.online }
          : null,
      });
    }
    for (const key of this.dirtyCertificates) {
      const { groupId, edgeNodeId, deviceId } = splitKey(key);
      const session = this.sessions.get(`${groupId}\u0000${edgeNodeId}`);
      const device = deviceId === '' ? session?.node : session?.devices.get(deviceId);
      changes.certificates.push({
        groupId,
        edgeNodeId,
        deviceId,
        definitions: device ? certificateToStored(device.certificate) : null,
      });
    }
    this.dirtyNodes = new Set();
    this.dirtyCertificates = new Set();
    return changes;
  }

  /** Marks a node's session, and the certificates named (all its own and its devices' by default). */
  private touch(key: string, deviceIds?: Iterable<string>): void {
    this.dirtyNodes.add(key);
    const session = this.sessions.get(key);
    const ids = deviceIds ?? ['', ...(session?.devices.keys() ?? [])];
    for (const deviceId of ids) this.dirtyCertificates.add(`${key}\u0000${deviceId}`);
  }

  /**
   * Whether to ask a node for a rebirth now for a message the sessions never saw (a payload
   * that did not decode): only if it is in a session, and within the same throttle.
   */
  wantsRebirth(groupId: string, edgeNodeId: string, nowMs: number): boolean {
    const key = `${groupId}\u0000${edgeNodeId}`;
    return this.sessions.get(key)?.online === true && this.mayAskRebirth(key, nowMs);
  }

  /** Whether the node is in a session (born and not dead). */
  isOnline(groupId: string, edgeNodeId: string): boolean {
    return this.sessions.get(`${groupId}\u0000${edgeNodeId}`)?.online === true;
  }

  private nodeBirth(key: string, payload: SparkplugPayload, nowMs: number): SessionOutcome {
    const seq = payload.seq;
    if (seq === undefined || !Number.isInteger(seq) || seq < 0 || seq >= SEQ_MODULO) {
      return this.refuse(
        key,
        'seq',
        `seq: an NBIRTH needs a seq from 0 to 255 (got ${seq ?? 'none'})`,
        nowMs,
        false,
      );
    }
    const bdSeq = payload.metrics.find((metric) => metric.name === 'bdSeq');
    if (bdSeq === undefined || typeof bdSeq.value !== 'number') {
      return this.refuse(
        key,
        'bdSeq',
        'bdSeq: an NBIRTH needs a numeric bdSeq metric',
        nowMs,
        false,
      );
    }
    const birth = readBirth(payload.metrics);
    if (!birth.ok) {
      // A node whose birth cannot be read has no session: its data would be misread.
      this.touch(key);
      this.sessions.delete(key);
      return { kind: 'refused', reason: birth.reason, field: birth.field, rebirth: false };
    }
    // The old session's device certificates go, the new node certificate comes.
    this.touch(key);
    this.sessions.set(key, {
      bdSeq: bdSeq.value,
      lastSeq: seq,
      online: true,
      node: { certificate: birth.certificate },
      devices: new Map(),
    });
    this.rebirthAsked.delete(key);
    return {
      kind: 'birth',
      deviceId: '',
      ...birthMetrics(payload, birth.certificate, nowMs),
      rebirth: false,
    };
  }

  private nodeDeath(key: string, payload: SparkplugPayload): SessionOutcome {
    const session = this.sessions.get(key);
    const bdSeq = payload.metrics.find((metric) => metric.name === 'bdSeq')?.value;
    // A node whose birth Linewatch never saw (it started after it): its will still means it
    // is gone, though its bdSeq cannot be checked.
    if (!session) return { kind: 'death', deviceIds: [''], rebirth: false };
    if (!session.online) {
      return { kind: 'ignored', reason: 'an NDEATH of a node already dead', rebirth: false };
    }
    // The broker may deliver the will of an older connection after a new birth.
    if (bdSeq !== session.bdSeq) {
      return {
        kind: 'ignored',
        reason: `an NDEATH with bdSeq ${String(bdSeq)}, not this session's ${session.bdSeq}`,
        rebirth: false,
      };
    }
    this.touch(key);
    session.online = false;
    const deviceIds = ['', ...session.devices.keys()];
    session.devices = new Map();
    return { kind: 'death', deviceIds, rebirth: false };
  }

  /** DBIRTH, NDATA, DDATA, DDEATH: they need a live session and the next seq. */
  private inSession(
    key: string,
    topic: SparkplugTopic,
    payload: SparkplugPayload,
    nowMs: number,
  ): SessionOutcome {
    const session = this.sessions.get(key);
    if (!session || !session.online) {
      return this.refuse(
        key,
        'topic',
        `topic: no NBIRTH of edge node ${topic.edgeNodeId} in this session`,
        nowMs,
        true,
      );
    }
    const seq = payload.seq;
    if (seq === undefined || !Number.isInteger(seq) || seq < 0 || seq >= SEQ_MODULO) {
      return this.refuse(key, 'seq', `seq: expected 0 to 255 (got ${seq ?? 'none'})`, nowMs, true);
    }
    const expected = (session.lastSeq + 1) % SEQ_MODULO;
    session.lastSeq = seq;
    // Only a device's birth or death changes its certificate; data moves the seq alone.
    const certificateChanges = topic.messageType === 'DBIRTH' || topic.messageType === 'DDEATH';
    this.touch(key, certificateChanges ? [topic.deviceId] : []);
    const gap: GapNotice | undefined =
      seq === expected ? undefined : { reason: `seq ${seq} where ${expected} was due` };
    const askRebirth = gap !== undefined && this.mayAskRebirth(key, nowMs);

    if (topic.messageType === 'DBIRTH') {
      const birth = readBirth(payload.metrics);
      if (!birth.ok) {
        session.devices.delete(topic.deviceId);
        return {
          kind: 'refused',
          reason: birth.reason,
          field: birth.field,
          gap,
          rebirth: askRebirth,
        };
      }
      session.devices.set(topic.deviceId, { certificate: birth.certificate });
      return {
        kind: 'birth',
        deviceId: topic.deviceId,
        ...birthMetrics(payload, birth.certificate, nowMs),
        gap,
        rebirth: askRebirth,
      };
    }
    if (topic.messageType === 'DDEATH') {
      session.devices.delete(topic.deviceId);
      return { kind: 'death', deviceIds: [topic.deviceId], gap, rebirth: askRebirth };
    }
    const device = topic.deviceId === '' ? session.node : session.devices.get(topic.deviceId);
    if (!device) {
      return this.refuse(
        key,
        'topic',
        `topic: no DBIRTH of device ${topic.deviceId} in this session`,
        nowMs,
        true,
        gap,
      );
    }
    const resolved = resolveAll(payload, device.certificate, nowMs);
    if (!resolved.ok) {
      return this.refuse(
        key,
        resolved.field,
        resolved.reason,
        nowMs,
        true,
        gap ?? { reason: resolved.reason },
      );
    }
    return {
      kind: 'data',
      deviceId: topic.deviceId,
      metrics: resolved.metrics,
      unread: resolved.unread,
      gap,
      rebirth: askRebirth,
    };
  }

  private refuse(
    key: string,
    field: string,
    reason: string,
    nowMs: number,
    wantsRebirth: boolean,
    gap?: GapNotice,
  ): SessionOutcome {
    const rebirth = wantsRebirth && this.mayAskRebirth(key, nowMs);
    return { kind: 'refused', reason, field, gap, rebirth };
  }

  /** One rebirth request per gap, repeated only if no birth came within REBIRTH_RETRY_MS. */
  private mayAskRebirth(key: string, nowMs: number): boolean {
    const asked = this.rebirthAsked.get(key);
    if (asked !== undefined && nowMs - asked < REBIRTH_RETRY_MS) return false;
    this.rebirthAsked.set(key, nowMs);
    return true;
  }
}
