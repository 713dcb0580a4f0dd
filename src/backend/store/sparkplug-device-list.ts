import type { Database } from 'better-sqlite3';
import { dataTypeName } from '../ingest/sparkplug/birth-metrics';
import type { UnreadMetric } from '../ingest/sparkplug/edge-node-sessions';
import type { SparkplugTopic } from '../ingest/sparkplug/sparkplug-topic';

/**
 * A device's metrics as sparkplug_devices.metrics keeps them (JSON): the last birth's, and for
 * a metric whose values Linewatch does not store (Bytes, File, a DataSet of 0 or 2+ rows) what
 * its newest value was and how many messages carried one, so Admin → Sparkplug shows them.
 */
export interface ListedMetric {
  name: string;
  datatype: string;
  unread?: { summary: string; seen: number; lastMs: number };
}

type DeviceKey = Pick<SparkplugTopic, 'groupId' | 'edgeNodeId' | 'deviceId'>;

/** The list of Sparkplug devices seen (mapped or not) and their metrics, in the batch's transaction. */
export class SparkplugDeviceList {
  private readonly statements;

  constructor(db: Database) {
    this.statements = {
      metrics: db
        .prepare(
          `SELECT metrics FROM sparkplug_devices
           WHERE group_id = ? AND edge_node_id = ? AND device_id = ?`,
        )
        .pluck(),
      seen: db.prepare(
        `INSERT INTO sparkplug_devices (group_id, edge_node_id, device_id, metrics, first_seen_ms, last_seen_ms)
         VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (group_id, edge_node_id, device_id) DO UPDATE SET
           metrics = excluded.metrics, last_seen_ms = max(last_seen_ms, excluded.last_seen_ms)`,
      ),
      setMetrics: db.prepare(
        `UPDATE sparkplug_devices SET metrics = ?
         WHERE group_id = ? AND edge_node_id = ? AND device_id = ?`,
      ),
    };
  }

  /**
   * A birth: its metrics become the device's list. What was known of unread metrics that are
   * still declared is kept (their count goes on), and this birth's unread values are counted.
   */
  birth(
    topic: DeviceKey,
    metrics: readonly { name: string; datatype: number }[],
    unread: readonly UnreadMetric[],
    receivedMs: number,
  ): void {
    const before = new Map(this.read(topic).map((metric) => [metric.name, metric]));
    const list: ListedMetric[] = metrics.map((metric) => ({
      name: metric.name,
      datatype: dataTypeName(metric.datatype),
    }));
    for (const metric of unread) {
      list.push({
        name: metric.name,
        datatype: dataTypeName(metric.datatype),
        unread: counted(before.get(metric.name), metric, receivedMs),
      });
    }
    this.statements.seen.run(
      topic.groupId,
      topic.edgeNodeId,
      topic.deviceId,
      JSON.stringify(list),
      receivedMs,
      receivedMs,
    );
  }

  /** A data message's unread values: each metric's newest, counted. */
  data(topic: DeviceKey, unread: readonly UnreadMetric[], receivedMs: number): void {
    if (unread.length === 0) return;
    const list = this.read(topic);
    for (const metric of unread) {
      const listed = list.find((entry) => entry.name === metric.name);
      if (listed) listed.unread = counted(listed, metric, receivedMs);
      else {
        // Not in the birth as a plain metric (a template member, a DataSet that grew rows).
        list.push({
          name: metric.name,
          datatype: dataTypeName(metric.datatype),
          unread: counted(undefined, metric, receivedMs),
        });
      }
    }
    this.statements.setMetrics.run(
      JSON.stringify(list),
      topic.groupId,
      topic.edgeNodeId,
      topic.deviceId,
    );
  }

  private read(topic: DeviceKey): ListedMetric[] {
    const json = this.statements.metrics.get(topic.groupId, topic.edgeNodeId, topic.deviceId) as
      string | undefined;
    return json === undefined ? [] : (JSON.parse(json) as ListedMetric[]);
  }
}

/** Edge-node clocks are uint64: beyond what a date can show, the receiving time stands in. */
const MAX_DATE_MS = 8.64e15;

function counted(
  before: ListedMetric | undefined,
  metric: UnreadMetric,
  receivedMs: number,
): NonNullable<ListedMetric['unread']> {
  const last = before?.unread;
  const at = Math.abs(metric.timestampMs) <= MAX_DATE_MS ? metric.timestampMs : receivedMs;
  // Redelivered or late messages do not make an older value the newest.
  if (last && last.lastMs > at) return { ...last, seen: last.seen + 1 };
  return {
    summary: metric.summary.slice(0, 300),
    seen: (last?.seen ?? 0) + 1,
    lastMs: at,
  };
}
