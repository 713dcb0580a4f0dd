import type { Database } from 'better-sqlite3';
import type { StoredDefinition } from '../ingest/sparkplug/birth-metrics';
import type { SessionChanges, StoredSession } from '../ingest/sparkplug/edge-node-sessions';
import type { SparkplugTopic } from '../ingest/sparkplug/sparkplug-topic';

interface SessionRow {
  group_id: string;
  edge_node_id: string;
  bd_seq: number;
  last_seq: number;
  online: number;
}

interface CertificateRow {
  group_id: string;
  edge_node_id: string;
  device_id: string;
  metrics: string;
}

interface RememberedRow {
  group_id: string;
  edge_node_id: string;
  device_id: string;
  fields: string;
}

/** A device's remembered text metrics (barcode, product_id, test_step, unit, operator). */
export interface StoredFields {
  topic: Pick<SparkplugTopic, 'groupId' | 'edgeNodeId' | 'deviceId'>;
  fields: Record<string, string>;
}

/**
 * The Sparkplug edge-node sessions in SQLite (migration 0019): written in each ingest batch's
 * transaction, read back by a store process restarted within the same host session.
 */
export class SparkplugSessionStore {
  private readonly statements;

  constructor(private readonly db: Database) {
    this.statements = {
      dropOtherSessions: db.prepare('DELETE FROM sparkplug_sessions WHERE host_session <> ?'),
      dropOrphanCertificates: db.prepare(
        `DELETE FROM sparkplug_certificates WHERE NOT EXISTS (SELECT 1 FROM sparkplug_sessions s
           WHERE s.group_id = sparkplug_certificates.group_id
             AND s.edge_node_id = sparkplug_certificates.edge_node_id)`,
      ),
      dropOtherRemembered: db.prepare('DELETE FROM sparkplug_remembered WHERE host_session <> ?'),
      loadSessions: db.prepare(
        `SELECT group_id, edge_node_id, bd_seq, last_seq, online FROM sparkplug_sessions
         WHERE host_session = ?`,
      ),
      loadCertificates: db.prepare(
        'SELECT group_id, edge_node_id, device_id, metrics FROM sparkplug_certificates',
      ),
      loadRemembered: db.prepare(
        `SELECT group_id, edge_node_id, device_id, fields FROM sparkplug_remembered
         WHERE host_session = ?`,
      ),
      saveSession: db.prepare(
        `INSERT INTO sparkplug_sessions (group_id, edge_node_id, host_session, bd_seq, last_seq, online)
         VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (group_id, edge_node_id) DO UPDATE SET host_session = excluded.host_session,
           bd_seq = excluded.bd_seq, last_seq = excluded.last_seq, online = excluded.online`,
      ),
      dropSession: db.prepare(
        'DELETE FROM sparkplug_sessions WHERE group_id = ? AND edge_node_id = ?',
      ),
      saveCertificate: db.prepare(
        `INSERT INTO sparkplug_certificates (group_id, edge_node_id, device_id, metrics)
         VALUES (?, ?, ?, ?)
         ON CONFLICT (group_id, edge_node_id, device_id) DO UPDATE SET metrics = excluded.metrics`,
      ),
      dropCertificate: db.prepare(
        'DELETE FROM sparkplug_certificates WHERE group_id = ? AND edge_node_id = ? AND device_id = ?',
      ),
      saveRemembered: db.prepare(
        `INSERT INTO sparkplug_remembered (group_id, edge_node_id, device_id, host_session, fields)
         VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (group_id, edge_node_id, device_id) DO UPDATE SET
           host_session = excluded.host_session, fields = excluded.fields`,
      ),
    };
  }

  /** This host session's sessions and fields; any other session's rows are dropped. */
  load(hostSession: string): { sessions: StoredSession[]; remembered: StoredFields[] } {
    const stored = this.db.transaction(() => {
      this.statements.dropOtherSessions.run(hostSession);
      this.statements.dropOrphanCertificates.run();
      this.statements.dropOtherRemembered.run(hostSession);
      return {
        sessions: this.statements.loadSessions.all(hostSession) as SessionRow[],
        certificates: this.statements.loadCertificates.all() as CertificateRow[],
        remembered: this.statements.loadRemembered.all(hostSession) as RememberedRow[],
      };
    })();
    const byNode = new Map<string, StoredSession>();
    for (const row of stored.sessions) {
      byNode.set(`${row.group_id}\u0000${row.edge_node_id}`, {
        groupId: row.group_id,
        edgeNodeId: row.edge_node_id,
        bdSeq: row.bd_seq,
        lastSeq: row.last_seq,
        online: row.online === 1,
        certificates: new Map(),
      });
    }
    for (const row of stored.certificates) {
      byNode
        .get(`${row.group_id}\u0000${row.edge_node_id}`)
        ?.certificates.set(row.device_id, JSON.parse(row.metrics) as StoredDefinition[]);
    }
    return {
      sessions: [...byNode.values()],
      remembered: stored.remembered.map((row) => ({
        topic: { groupId: row.group_id, edgeNodeId: row.edge_node_id, deviceId: row.device_id },
        fields: JSON.parse(row.fields) as Record<string, string>,
      })),
    };
  }

  /** Writes a batch's changes (call inside its transaction). */
  save(hostSession: string, changes: SessionChanges, remembered: readonly StoredFields[]): void {
    for (const { groupId, edgeNodeId, session } of changes.nodes) {
      if (session) {
        this.statements.saveSession.run(
          groupId,
          edgeNodeId,
          hostSession,
          session.bdSeq,
          session.lastSeq,
          session.online ? 1 : 0,
        );
      } else this.statements.dropSession.run(groupId, edgeNodeId);
    }
    for (const { groupId, edgeNodeId, deviceId, definitions } of changes.certificates) {
      if (definitions) {
        this.statements.saveCertificate.run(
          groupId,
          edgeNodeId,
          deviceId,
          JSON.stringify(definitions),
        );
      } else this.statements.dropCertificate.run(groupId, edgeNodeId, deviceId);
    }
    for (const { topic, fields } of remembered) {
      this.statements.saveRemembered.run(
        topic.groupId,
        topic.edgeNodeId,
        topic.deviceId,
        hostSession,
        JSON.stringify(fields),
      );
    }
  }
}
