import type { BirthCertificate, StoredDefinition } from './birth-metrics';
import type { MetricValue } from './sparkplug-codec';
import type { SparkplugTopic } from './sparkplug-topic';

/** The shapes of the host's edge-node sessions (edge-node-sessions.ts) and how they are kept. */

/** A metric of a data message, resolved through its birth certificate. */
export interface ResolvedMetric {
  name: string;
  datatype: number;
  value: MetricValue;
  /** The metric's own timestamp, else the payload's, else when it was received. */
  timestampMs: number;
  isHistorical: boolean;
}

/** A metric whose value Linewatch does not store (Bytes, File, a DataSet of 0 or 2+ rows). */
export interface UnreadMetric {
  name: string;
  datatype: number;
  /** What it carried ("Bytes, 1,024 bytes"): listed on Admin → Sparkplug. */
  summary: string;
  timestampMs: number;
}

export interface DeviceSession {
  certificate: BirthCertificate;
}

export interface NodeSession {
  /** bdSeq of the NBIRTH: the NDEATH with the same bdSeq ends this session, no other. */
  bdSeq: number;
  lastSeq: number;
  online: boolean;
  node: DeviceSession;
  devices: Map<string, DeviceSession>;
}

/** A gap: messages were lost (or could not be read) between two points of a node's session. */
export interface GapNotice {
  reason: string;
}

export type SessionOutcome =
  | {
      kind: 'birth' | 'data';
      /** '' for the edge node's own metrics. */
      deviceId: string;
      metrics: ResolvedMetric[];
      /** Metrics it carried whose values are not stored: reported, never silently dropped. */
      unread: UnreadMetric[];
      /** A seq gap was found before this message: its metrics are read, the loss is marked. */
      gap?: GapNotice;
      rebirth: boolean;
    }
  /** The devices that went offline: with an NDEATH every device of the node and the node (''). */
  | { kind: 'death'; deviceIds: string[]; gap?: GapNotice; rebirth: boolean }
  /** Not data, not an error: an NDEATH of an older session (its bdSeq is not the birth's). */
  | { kind: 'ignored'; reason: string; rebirth: false }
  | { kind: 'refused'; reason: string; field: string; gap?: GapNotice; rebirth: boolean };

export const nodeKey = (topic: SparkplugTopic) => `${topic.groupId}\u0000${topic.edgeNodeId}`;
export const splitKey = (key: string) => {
  const [groupId = '', edgeNodeId = '', deviceId = ''] = key.split('\u0000');
  return { groupId, edgeNodeId, deviceId };
};

/** A node's session as kept in SQLite (sparkplug_sessions, sparkplug_certificates). */
export interface StoredSession {
  groupId: string;
  edgeNodeId: string;
  bdSeq: number;
  lastSeq: number;
  online: boolean;
  /** Per device ('' the node itself): its birth certificate's declarations. */
  certificates: Map<string, StoredDefinition[]>;
}

/** What changed since the last `takeChanges`: to be written in the batch's transaction. */
export interface SessionChanges {
  /** A node's session now (null: it has none any more). */
  nodes: {
    groupId: string;
    edgeNodeId: string;
    session: { bdSeq: number; lastSeq: number; online: boolean } | null;
  }[];
  /** A device's certificate now (null: none any more). */
  certificates: {
    groupId: string;
    edgeNodeId: string;
    deviceId: string;
    definitions: StoredDefinition[] | null;
  }[];
}
