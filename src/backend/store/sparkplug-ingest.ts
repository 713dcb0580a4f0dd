import type { Database } from 'better-sqlite3';
import type { SparkplugMetricRole } from '../../shared/contract/sparkplug-schemas';
import type { ParsedCommandAck, ParsedMessage } from '../ingest/protocol';
import type { CommandName } from '../../shared/contract';
import type { ResolvedMetric } from '../ingest/sparkplug/edge-node-sessions';
import { roleOf } from '../ingest/sparkplug/metric-roles';
import {
  COMMAND_ROLE,
  commandAnswer,
  commandValue,
  isCommandRole,
} from '../ingest/sparkplug/sparkplug-commands';
import { EdgeNodeSessions, type SessionOutcome } from '../ingest/sparkplug/edge-node-sessions';
import { SparkplugSessionStore } from './sparkplug-session-store';
import { decodePayload } from '../ingest/sparkplug/sparkplug-codec';
import { parseSparkplugTopic, type SparkplugTopic } from '../ingest/sparkplug/sparkplug-topic';
import { SparkplugDeviceList } from './sparkplug-device-list';
import {
  toLinewatch,
  type MachineMapping,
  type Remembered,
} from '../ingest/sparkplug/to-linewatch';

/**
 * What the store must know to read Sparkplug: the namespace, and the host session (one per
 * backend run: the sessions it persisted are read back only by a store of the same run).
 */
export interface SparkplugSetup {
  root: string;
  hostSession: string;
  /** A server limited with `--lines`: only devices mapped to these lines are stored (empty: all). */
  lines?: readonly string[];
}

/** Where a refused message belongs (its dead letter's line and machine), when it is mapped. */
export interface Place {
  lineId: string;
  machineId: string;
}

export type SparkplugOutcome =
  | { kind: 'messages'; messages: ParsedMessage[] }
  | { kind: 'refused'; reason: string; field: string | null; place: Place | null }
  | { kind: 'ignored' };

interface OpenCommandRow {
  id: string;
  command: CommandName;
  args: string;
}

interface MappingRow {
  line_id: string | null;
  machine_id: string | null;
  roles: string;
}

const deviceLabel = (topic: Pick<SparkplugTopic, 'groupId' | 'edgeNodeId' | 'deviceId'>) =>
  `${topic.groupId}/${topic.edgeNodeId}/${topic.deviceId}`;

/**
 * Sparkplug B messages in the store process, inside the batch's transaction: decodes them,
 * follows each edge node's session, keeps the list of devices seen (mapped or not) and the
 * gaps, and turns a mapped device's metrics into the JSON protocol's messages, which the
 * ingest store then stores like any other. Rebirths it wants are read after the commit.
 */
export class SparkplugIngest {
  private readonly sessions = new EdgeNodeSessions();
  /** Per device: its latest barcode, product, step (a test result's other fields). */
  private readonly remembered = new Map<string, Remembered>();
  /**
   * Devices whose remembered fields this batch may change, with their fields before it (to
   * undo a failed batch); persisted with the batch.
   */
  private rememberedChanged = new Map<string, { topic: SparkplugTopic; before: Remembered }>();
  private rebirths = new Map<string, { groupId: string; edgeNodeId: string }>();
  private root: string | null = null;
  private hostSession: string | null = null;
  private lines: ReadonlySet<string> = new Set();
  /** Mappings read in this batch (see mappingOf). */
  private mappings = new Map<string, MachineMapping | null>();
  /** Topics parsed in this batch: a batch holds a few devices' topics many times over. */
  private topics = new Map<string, ReturnType<typeof parseSparkplugTopic>>();
  private readonly store: SparkplugSessionStore;
  private readonly devices: SparkplugDeviceList;
  private readonly statements;

  constructor(db: Database) {
    this.store = new SparkplugSessionStore(db);
    this.devices = new SparkplugDeviceList(db);
    this.statements = {
      openCommands: db.prepare(
        `SELECT id, command, args FROM commands WHERE machine_id = ? AND status = 'sent'
         ORDER BY issued_ms`,
      ),
      mapping: db.prepare(
        `SELECT line_id, machine_id, roles FROM sparkplug_devices
         WHERE group_id = ? AND edge_node_id = ? AND device_id = ?`,
      ),
      mappedOfNode: db.prepare(
        `SELECT device_id, line_id, machine_id FROM sparkplug_devices
         WHERE group_id = ? AND edge_node_id = ? AND machine_id IS NOT NULL`,
      ),
      openGap: db.prepare(
        `SELECT id FROM sparkplug_gaps WHERE group_id = ? AND edge_node_id = ? AND closed_ms IS NULL`,
      ),
      insertGap: db.prepare(
        `INSERT INTO sparkplug_gaps (group_id, edge_node_id, opened_ms, reason) VALUES (?, ?, ?, ?)`,
      ),
      closeGaps: db.prepare(
        `UPDATE sparkplug_gaps SET closed_ms = ? WHERE group_id = ? AND edge_node_id = ? AND closed_ms IS NULL`,
      ),
    };
  }

  /**
   * The Sparkplug namespace read (null: Sparkplug is off and no topic is claimed). A new host
   * session reads back the sessions this run persisted (a store process restarted after a
   * crash) and drops any other run's: that run's connection is gone, and births may have been
   * missed since, so those nodes are asked for a rebirth instead.
   */
  configure(setup: SparkplugSetup | null): void {
    this.root = setup?.root ?? null;
    this.lines = new Set(setup?.lines ?? []);
    if (!setup || setup.hostSession === this.hostSession) return;
    this.hostSession = setup.hostSession;
    const stored = this.store.load(setup.hostSession);
    this.sessions.restore(stored.sessions);
    for (const { topic, fields } of stored.remembered) {
      this.remembered.set(deviceLabel(topic), new Map(Object.entries(fields)));
    }
  }

  /**
   * Writes what the batch changed of the sessions and remembered fields, in its transaction:
   * what is committed and acknowledged is always read back with the sessions that read it.
   */
  persist(): void {
    const hostSession = this.hostSession;
    const changes = this.sessions.takeChanges();
    // Kept until the next batch begins: a commit that fails after this still undoes them.
    const remembered = this.rememberedChanged;
    if (hostSession === null) return;
    const fields: { topic: SparkplugTopic; fields: Record<string, string> }[] = [];
    for (const [label, { topic, before }] of remembered) {
      const now = this.remembered.get(label) ?? new Map<string, string>();
      const same = now.size === before.size && [...now].every(([k, v]) => before.get(k) === v);
      if (!same) fields.push({ topic, fields: Object.fromEntries(now) });
    }
    this.store.save(hostSession, changes, fields);
  }

  claims(topic: string): boolean {
    return this.root !== null && topic.startsWith(`${this.root}/`);
  }

  /** Call before a batch; the function it returns undoes the sessions if the batch fails. */
  beginBatch(): () => void {
    this.rebirths = new Map();
    this.mappings = new Map();
    this.topics = new Map();
    this.rememberedChanged = new Map();
    const undoSessions = this.sessions.snapshot();
    return () => {
      undoSessions();
      for (const [key, { before }] of this.rememberedChanged) this.remembered.set(key, before);
      this.rememberedChanged = new Map();
    };
  }

  /** The edge nodes to ask for a rebirth, once the batch is committed. */
  takeRebirths(): { groupId: string; edgeNodeId: string }[] {
    const wanted = [...this.rebirths.values()];
    this.rebirths = new Map();
    return wanted;
  }

  handle(topicText: string, bytes: Uint8Array, receivedMs: number): SparkplugOutcome {
    let parsed = this.topics.get(topicText);
    if (!parsed) {
      parsed = parseSparkplugTopic(topicText, this.root ?? undefined);
      this.topics.set(topicText, parsed);
    }
    if (!parsed.ok) return { kind: 'refused', reason: parsed.reason, field: 'topic', place: null };
    // Another host's STATE, or a command a host published: not data, not an error.
    if (parsed.kind === 'state') return { kind: 'ignored' };
    const topic = parsed.topic;
    if (topic.messageType === 'NCMD' || topic.messageType === 'DCMD') return { kind: 'ignored' };
    const mapping = this.mappingOf(topic);
    // Mapped to a line another area's server reads: followed (the node's seq and aliases span
    // all its devices) but neither stored nor dead-lettered here.
    if (mapping && this.lines.size > 0 && !this.lines.has(mapping.lineId)) {
      this.follow(topic, bytes, receivedMs);
      return { kind: 'ignored' };
    }
    const place = mapping ? { lineId: mapping.lineId, machineId: mapping.machineId } : null;
    const decoded = decodePayload(bytes);
    if (!decoded.ok) {
      // A data message lost to corruption is a gap like a missing one.
      if (topic.messageType !== 'NDEATH') {
        this.noteGap(topic, decoded.reason, receivedMs);
        if (this.sessions.wantsRebirth(topic.groupId, topic.edgeNodeId, receivedMs)) {
          this.wantRebirth(topic);
        }
      }
      return { kind: 'refused', reason: decoded.reason, field: 'payload', place };
    }
    const outcome = this.sessions.handle(topic, decoded.payload, receivedMs);
    if (outcome.rebirth) this.wantRebirth(topic);
    if ('gap' in outcome && outcome.gap) this.noteGap(topic, outcome.gap.reason, receivedMs);
    return this.meaning(topic, outcome, mapping, place, receivedMs);
  }

  /** The session side of a message whose data this server does not keep. */
  private follow(topic: SparkplugTopic, bytes: Uint8Array, receivedMs: number): void {
    const decoded = decodePayload(bytes);
    if (!decoded.ok) return;
    const outcome = this.sessions.handle(topic, decoded.payload, receivedMs);
    if (outcome.rebirth) this.wantRebirth(topic);
  }

  private meaning(
    topic: SparkplugTopic,
    outcome: SessionOutcome,
    mapping: MachineMapping | null,
    place: Place | null,
    receivedMs: number,
  ): SparkplugOutcome {
    switch (outcome.kind) {
      case 'refused':
        return { kind: 'refused', reason: outcome.reason, field: outcome.field, place };
      case 'ignored':
        return { kind: 'ignored' };
      case 'death':
        return this.death(topic, receivedMs);
      case 'birth':
      case 'data': {
        // Unread values (Bytes, File, DataSets of many rows) are listed, mapped or not.
        if (outcome.kind === 'birth') {
          this.devices.birth(topic, outcome.metrics, outcome.unread, receivedMs);
          if (topic.messageType === 'NBIRTH') {
            this.statements.closeGaps.run(receivedMs, topic.groupId, topic.edgeNodeId);
          }
        } else this.devices.data(topic, outcome.unread, receivedMs);
        if (!mapping) return { kind: 'ignored' };
        const key = deviceLabel(topic);
        let remembered = this.remembered.get(key);
        if (!remembered) this.remembered.set(key, (remembered = new Map()));
        if (!this.rememberedChanged.has(key)) {
          this.rememberedChanged.set(key, { topic, before: new Map(remembered) });
        }
        const translated = toLinewatch(mapping, outcome.metrics, remembered, {
          birth: outcome.kind === 'birth',
          deviceLabel: key,
        });
        if (!translated.ok) {
          return { kind: 'refused', reason: translated.reason, field: translated.field, place };
        }
        const answers =
          outcome.kind === 'data' ? this.commandAnswers(mapping, outcome.metrics) : [];
        return { kind: 'messages', messages: [...translated.messages, ...answers] };
      }
    }
  }

  /**
   * A report of a command metric answers the machine's oldest open command of that meaning
   * (sparkplug-commands.ts): ok when it carries the value written, failed otherwise.
   */
  private commandAnswers(
    mapping: MachineMapping,
    metrics: readonly ResolvedMetric[],
  ): ParsedCommandAck[] {
    const reports = metrics.filter((metric) => isCommandRole(roleOf(metric.name, mapping.roles)));
    if (reports.length === 0) return [];
    const open = this.statements.openCommands.all(mapping.machineId) as OpenCommandRow[];
    const answered = new Set<string>();
    const acks: ParsedCommandAck[] = [];
    for (const metric of reports) {
      const role = roleOf(metric.name, mapping.roles);
      const command = open.find(
        (row) => !answered.has(row.id) && COMMAND_ROLE[row.command] === role,
      );
      if (!command) continue;
      const written = commandValue(
        command.command,
        JSON.parse(command.args) as Record<string, unknown>,
        metric.datatype,
      );
      if (!written.ok) continue;
      answered.add(command.id);
      const answer = commandAnswer(metric.name, written.value, metric.value);
      acks.push({
        kind: 'commandAck',
        lineId: mapping.lineId,
        machineId: mapping.machineId,
        commandId: command.id,
        ok: answer.ok,
        message: answer.message,
      });
    }
    return acks;
  }

  /** Death: every mapped machine of the node (NDEATH) or the device's (DDEATH) goes offline now. */
  private death(topic: SparkplugTopic, receivedMs: number): SparkplugOutcome {
    const rows = this.statements.mappedOfNode.all(topic.groupId, topic.edgeNodeId) as {
      device_id: string;
      line_id: string;
      machine_id: string;
    }[];
    const gone = rows.filter(
      (row) =>
        (topic.messageType === 'NDEATH' || row.device_id === topic.deviceId) &&
        (this.lines.size === 0 || this.lines.has(row.line_id)),
    );
    if (gone.length === 0) return { kind: 'ignored' };
    const reason = `Sparkplug ${topic.messageType} of ${deviceLabel(topic).replace(/\/$/, '')}`;
    return {
      kind: 'messages',
      messages: gone.map((row) => ({
        kind: 'state',
        lineId: row.line_id,
        machineId: row.machine_id,
        // Sparkplug: the host marks it offline by its own clock (the will carries no time).
        timestampMs: receivedMs,
        state: 'offline',
        reason,
      })),
    };
  }

  /** A device's mapping, read once per batch (mappings change between batches, never inside). */
  private mappingOf(topic: SparkplugTopic): MachineMapping | null {
    const key = deviceLabel(topic);
    const known = this.mappings.get(key);
    if (known !== undefined) return known;
    const row = this.statements.mapping.get(topic.groupId, topic.edgeNodeId, topic.deviceId) as
      MappingRow | undefined;
    const mapping =
      !row || row.line_id === null || row.machine_id === null
        ? null
        : {
            lineId: row.line_id,
            machineId: row.machine_id,
            roles: JSON.parse(row.roles) as Record<string, SparkplugMetricRole>,
          };
    this.mappings.set(key, mapping);
    return mapping;
  }

  private noteGap(topic: SparkplugTopic, reason: string, receivedMs: number): void {
    if (this.statements.openGap.get(topic.groupId, topic.edgeNodeId) !== undefined) return;
    this.statements.insertGap.run(
      topic.groupId,
      topic.edgeNodeId,
      receivedMs,
      reason.slice(0, 500),
    );
  }

  private wantRebirth(topic: SparkplugTopic): void {
    this.rebirths.set(`${topic.groupId}\u0000${topic.edgeNodeId}`, {
      groupId: topic.groupId,
      edgeNodeId: topic.edgeNodeId,
    });
  }
}
