import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { ResultHourTally } from './result-counts';
import { UnitHourTally } from './unit-hours';
import type { BatchTally } from './batch-tally';
import { AttemptRenumbering } from './attempt-renumbering';
import { DEFAULT_SETTINGS } from './settings-store';
import { NewestStamps } from './newest-stamps';
import { parseFactoryMessage } from '../ingest/protocol';
import { checkNotInFuture } from '../ingest/protocol/future';
import type { ParsedMessage, ParseOutcome } from '../ingest/protocol';
import type { MachineState, TestResult, Verdict } from '../../shared/contract';
import { judge, type SpecLimits } from '../scoring/verdict';
import type { Place, SparkplugIngest } from './sparkplug-ingest';

/** One message as it came from the broker. */
export interface RawMessage {
  topic: string;
  payload: Uint8Array;
  receivedMs: number;
  /**
   * Refused before parsing by a rule of the transport (HTTP station keys: a machine outside
   * the key, or not registered): dead-lettered with this reason, in the same transaction.
   */
  refusal?: { reason: string; field: string | null };
}

/** What became of one message of a batch (asked for by HTTP ingest, which answers per item). */
export type MessageOutcome =
  | { outcome: 'stored' | 'duplicate' | 'ignored' }
  | { outcome: 'refused'; reason: string; field: string | null };

export interface IngestSummary {
  received: number;
  stored: number;
  duplicates: number;
  deadLettered: number;
  ignored: number;
  newMachines: { lineId: string; machineId: string }[];
  /** The test results this batch stored (at most MAX_RESULTS_REPORTED), for live views. */
  results: TestResult[];
  /** The newest of what this batch said about each machine, for live machine tiles. */
  machines: MachineUpdate[];
  /** Why messages of this batch were refused (at most MAX_RESULTS_REPORTED). */
  refusals: { topic: string; reason: string }[];
  /** One per message, in order; only when asked for (`perMessage`). */
  outcomes?: MessageOutcome[];
  /** Sparkplug edge nodes to ask for a rebirth once this batch is committed. */
  rebirths?: { groupId: string; edgeNodeId: string }[];
}

export interface MachineUpdate {
  machineId: string;
  lineId: string;
  lastSeenMs: number;
  state?: MachineState;
  stateMs?: number;
  reason?: string | null;
  temperature?: number;
  unitsProduced?: number;
}

const MAX_RESULTS_REPORTED = 1000;

type SpecVersion = SpecLimits & { id: number; version: number; validFromMs: number };
type ParsedTestResult = Extract<ParsedMessage, { kind: 'test' }>;

export type ReplayOutcome = {
  outcome: 'stored' | 'duplicate' | 'refused' | 'truncated';
  reason: string;
};

/** Dead letters keep at most this much of a payload. */
export const DEAD_LETTER_PAYLOAD_LIMIT = 64 * 1024;

/**
 * Validates, scores and stores messages. Called by the store process inside one transaction
 * per batch; the broker is acknowledged only after that transaction commits.
 */
export class IngestStore {
  private readonly lineOfMachine = new Map<string, string>();
  private readonly newest: NewestStamps;
  private readonly statements;
  /** The result rollups, counted per batch (see ResultHourTally and UnitHourTally). */
  private readonly tallies: readonly BatchTally<object>[];
  private readonly renumber: AttemptRenumbering;
  /**
   * Spec limits looked up in this batch, per product, step and line: every version that could
   * be in force, newest first. Limits change only in other transactions, so a batch reads each
   * product and step once instead of once per result.
   */
  private readonly specsOfBatch = new Map<string, SpecVersion[]>();
  /** Sparkplug B messages, when the host application is on (see sparkplug-ingest.ts). */
  private sparkplug: SparkplugIngest | null = null;

  constructor(
    private readonly db: Database,
    private readonly registerMachine: (lineId: string, machineId: string, atMs: number) => void,
    private readonly topicRoot: () => string,
    private readonly answerCommand: (
      commandId: string,
      ok: boolean,
      message: string | null,
    ) => void,
    /** Each newly stored message, in the same transaction (the alert rules run here). */
    private readonly onStored: (
      message: ParsedMessage,
      receivedMs: number,
      verdict?: Verdict,
    ) => void = () => undefined,
  ) {
    this.tallies = [new ResultHourTally(db), new UnitHourTally(db)];
    this.renumber = new AttemptRenumbering(db, this.tallies);
    this.newest = new NewestStamps(db);
    this.statements = {
      lineOf: db.prepare('SELECT line_id FROM machines WHERE id = ?').pluck(),
      maxAheadMinutes: db
        .prepare("SELECT value FROM settings WHERE key = 'maxTimestampAheadMinutes'")
        .pluck(),
      specs: db.prepare(
        // The line's own versions first: one in force wins over the plant-wide one (line_id NULL).
        `SELECT id, version, lower_limit AS lower, upper_limit AS upper, valid_from_ms AS validFromMs
         FROM spec_limits
         WHERE product_id = ? AND test_step = ? AND (line_id = ? OR line_id IS NULL)
         ORDER BY line_id IS NULL, valid_from_ms DESC, version DESC`,
      ),
      // One read of the (barcode, test_step, ts_ms) index: the attempts stamped before this
      // one, and the latest stamp, which tells whether a later-stamped attempt came first.
      // Positional and raw (an array, no row object): this runs for every result.
      attemptsAround: db
        .prepare(
          `SELECT count(*) FILTER (WHERE ts_ms < ?), max(ts_ms)
           FROM test_results WHERE barcode = ? AND test_step = ?`,
        )
        .raw(),
      insertResult: db.prepare(
        `INSERT OR IGNORE INTO test_results (line_id, machine_id, barcode, product_id, test_step,
           measured_value, unit, operator, message_id, ts_ms, received_ms, verdict, spec_id, attempt)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      insertTelemetry: db.prepare(
        `INSERT OR IGNORE INTO telemetry_samples (machine_id, line_id, ts_ms, temperature, units_produced, extras)
         VALUES (?, ?, ?, ?, ?, ?)`,
      ),
      insertState: db.prepare(
        `INSERT OR IGNORE INTO machine_states (machine_id, line_id, ts_ms, state, reason, received_ms)
         VALUES (?, ?, ?, ?, ?, ?)`,
      ),
      insertAck: db.prepare(
        `INSERT OR IGNORE INTO command_acks (command_id, machine_id, line_id, ok, message, received_ms)
         VALUES (?, ?, ?, ?, ?, ?)`,
      ),
      insertDeadLetter: db.prepare(
        `INSERT INTO dead_letters (first_seen_ms, last_seen_ms, topic, payload, payload_bytes, truncated,
           reason, field, line_id, machine_id, digest)
         VALUES (@ms, @ms, @topic, @payload, @bytes, @truncated, @reason, @field, @lineId, @machineId, @digest)
         ON CONFLICT (digest) DO UPDATE SET occurrences = occurrences + 1, last_seen_ms = excluded.last_seen_ms`,
      ),
      bumpCounter: db.prepare(
        `INSERT INTO ingest_counters (name, value) VALUES (?, ?)
         ON CONFLICT (name) DO UPDATE SET value = value + excluded.value`,
      ),
    };
  }

  useSparkplug(sparkplug: SparkplugIngest): void {
    this.sparkplug = sparkplug;
  }

  ingest(messages: RawMessage[], options: { perMessage?: boolean } = {}): IngestSummary {
    const summary: IngestSummary = {
      received: messages.length,
      stored: 0,
      duplicates: 0,
      deadLettered: 0,
      ignored: 0,
      newMachines: [],
      results: [],
      machines: [],
      refusals: [],
    };
    const updates = new Map<string, MachineUpdate>();
    const root = this.topicRoot();
    const outcomes: MessageOutcome[] | null = options.perMessage ? [] : null;
    if (outcomes) summary.outcomes = outcomes;
    const refuse = (
      raw: RawMessage,
      reason: string,
      field: string | null,
      place?: Place | null,
    ) => {
      this.deadLetter(raw, reason, field, place);
      summary.deadLettered += 1;
      noteRefusal(summary, raw.topic, reason);
      outcomes?.push({ outcome: 'refused', reason, field });
    };
    const maxAheadMs = this.maxAheadMs();
    for (const tally of this.tallies) tally.reset();
    this.specsOfBatch.clear();
    for (const raw of messages) {
      if (raw.refusal) {
        refuse(raw, raw.refusal.reason, raw.refusal.field);
        continue;
      }
      if (this.sparkplug?.claims(raw.topic)) {
        const result = this.ingestSparkplug(this.sparkplug, raw, maxAheadMs, summary, updates);
        if (result === 'ignored') summary.ignored += 1;
        else if (result === 'stored') summary.stored += 1;
        else if (result === 'duplicate') summary.duplicates += 1;
        if (typeof result === 'string') outcomes?.push({ outcome: result });
        else refuse(raw, result.reason, result.field, result.place);
        continue;
      }
      const outcome: ParseOutcome = parseFactoryMessage(raw.topic, raw.payload, {
        topicRoot: root,
        receivedAtMs: raw.receivedMs,
        maxAheadMs,
      });
      if (!outcome.ok) {
        if (outcome.ignored) {
          summary.ignored += 1;
          outcomes?.push({ outcome: 'ignored' });
        } else refuse(raw, outcome.reason, outcome.field);
        continue;
      }
      const result = this.accept(outcome.message, raw.receivedMs, summary, updates);
      if (result === 'stored') {
        summary.stored += 1;
        outcomes?.push({ outcome: 'stored' });
      } else if (result === 'duplicate') {
        summary.duplicates += 1;
        outcomes?.push({ outcome: 'duplicate' });
      } else refuse(raw, result.refused, 'topic');
    }
    summary.machines = [...updates.values()];
    for (const tally of this.tallies) tally.flush();
    this.statements.bumpCounter.run('received', summary.received);
    this.statements.bumpCounter.run('stored', summary.stored);
    this.statements.bumpCounter.run('duplicates', summary.duplicates);
    this.statements.bumpCounter.run('dead_lettered', summary.deadLettered);
    return summary;
  }

  /**
   * A Sparkplug message: decoded, followed in its node's session and mapped by `sparkplug`,
   * then stored as the JSON protocol's messages. It counts as stored if any of them was new.
   */
  private ingestSparkplug(
    sparkplug: SparkplugIngest,
    raw: RawMessage,
    maxAheadMs: number,
    summary: IngestSummary,
    updates: Map<string, MachineUpdate>,
  ):
    | 'stored'
    | 'duplicate'
    | 'ignored'
    | { reason: string; field: string | null; place: Place | null } {
    const meaning = sparkplug.handle(raw.topic, raw.payload, raw.receivedMs);
    if (meaning.kind !== 'messages') return meaning.kind === 'ignored' ? 'ignored' : meaning;
    const place = meaning.messages[0] ?? null;
    for (const message of meaning.messages) {
      if (!('timestampMs' in message) || message.timestampMs === null) continue;
      try {
        checkNotInFuture(message.timestampMs, raw.receivedMs, maxAheadMs);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        return { reason, field: 'timestamp', place };
      }
    }
    let stored = false;
    for (const message of meaning.messages) {
      const result = this.accept(message, raw.receivedMs, summary, updates);
      if (result === 'stored') stored = true;
      else if (result !== 'duplicate')
        return { reason: result.refused, field: 'topic', place: null };
    }
    return stored ? 'stored' : 'duplicate';
  }

  /** Registers a new machine, checks its line, stores the message and notes the machine's update. */
  private accept(
    message: ParsedMessage,
    receivedMs: number,
    summary: IngestSummary,
    updates: Map<string, MachineUpdate>,
  ): 'stored' | 'duplicate' | { refused: string } {
    const knownLine = this.knownLineOf(message.machineId);
    if (knownLine === undefined) {
      this.registerMachine(message.lineId, message.machineId, receivedMs);
      this.lineOfMachine.set(message.machineId, message.lineId);
      summary.newMachines.push({ lineId: message.lineId, machineId: message.machineId });
    } else if (knownLine !== message.lineId) {
      return { refused: misplacedMachineReason(message.machineId) };
    }
    if (!this.store(message, receivedMs, summary.results)) return 'duplicate';
    noteMachineUpdate(updates, message, receivedMs, this.newest.isNewest(message, receivedMs));
    return 'stored';
  }

  /**
   * Runs a dead letter through validation again. A message refused for good stays a dead
   * letter; one that passes now is stored like any other.
   */
  /** Validates a dead letter again, as it was received or with a corrected payload. */
  replay(id: number, nowMs: number, editedPayload?: Buffer): ReplayOutcome | null {
    const stored = this.db
      .prepare('SELECT topic, payload, truncated FROM dead_letters WHERE id = ?')
      .get(id) as { topic: string; payload: Buffer; truncated: number } | undefined;
    if (!stored) return null;
    // A corrected payload is whole, even where the refused one was cut at 64 KiB.
    const row = editedPayload ? { ...stored, payload: editedPayload, truncated: 0 } : stored;
    let result: ReplayOutcome;
    if (row.truncated) {
      result = {
        outcome: 'truncated',
        reason: 'only the first 64 KiB were kept; it cannot be replayed',
      };
    } else {
      const outcome = parseFactoryMessage(row.topic, row.payload, {
        topicRoot: this.topicRoot(),
        receivedAtMs: nowMs,
        maxAheadMs: this.maxAheadMs(),
      });
      if (!outcome.ok) {
        result = { outcome: 'refused', reason: outcome.reason };
      } else {
        const known = this.knownLineOf(outcome.message.machineId);
        if (known !== undefined && known !== outcome.message.lineId) {
          result = {
            outcome: 'refused',
            reason: misplacedMachineReason(outcome.message.machineId),
          };
        } else {
          if (known === undefined) {
            this.registerMachine(outcome.message.lineId, outcome.message.machineId, nowMs);
            this.lineOfMachine.set(outcome.message.machineId, outcome.message.lineId);
          }
          for (const tally of this.tallies) tally.reset();
          this.specsOfBatch.clear();
          const stored = this.store(outcome.message, nowMs, []);
          for (const tally of this.tallies) tally.flush();
          result = stored
            ? { outcome: 'stored', reason: 'valid now; stored' }
            : { outcome: 'duplicate', reason: 'valid, and already stored' };
          if (stored) this.statements.bumpCounter.run('replayed', 1);
        }
      }
    }
    this.db
      .prepare('UPDATE dead_letters SET replayed_ms = ?, replay_outcome = ? WHERE id = ?')
      .run(nowMs, `${result.outcome}: ${result.reason}`, id);
    return result;
  }

  /** The plant setting (Settings.maxTimestampAheadMinutes), read once a batch. */
  private maxAheadMs(): number {
    const stored = this.statements.maxAheadMinutes.get() as string | undefined;
    const minutes =
      stored === undefined ? DEFAULT_SETTINGS.maxTimestampAheadMinutes : Number(JSON.parse(stored));
    return minutes * 60_000;
  }

  /** The cache is filled from the table on a miss: admins may register machines ahead of time. */
  private knownLineOf(machineId: string): string | undefined {
    let line = this.lineOfMachine.get(machineId);
    if (line === undefined) {
      line = this.statements.lineOf.get(machineId) as string | undefined;
      if (line !== undefined) this.lineOfMachine.set(machineId, line);
    }
    return line;
  }

  /** The spec limits that judge a result: the line's own version in force, else the plant's. */
  private specInForce(message: ParsedTestResult): SpecVersion | undefined {
    const key = `${message.productId}\u0000${message.testStep}\u0000${message.lineId}`;
    let versions = this.specsOfBatch.get(key);
    if (!versions) {
      versions = this.statements.specs.all(
        message.productId,
        message.testStep,
        message.lineId,
      ) as SpecVersion[];
      this.specsOfBatch.set(key, versions);
    }
    // Ordered as the single-row query was: line before plant, then newest first.
    return versions.find((version) => version.validFromMs <= message.timestampMs);
  }

  /** Stores one valid message; false when it was already stored (a redelivery). */
  private store(message: ParsedMessage, receivedMs: number, results: TestResult[]): boolean {
    const s = this.statements;
    switch (message.kind) {
      case 'test': {
        const limits = this.specInForce(message);
        const [earlier, latest] = s.attemptsAround.get(
          message.timestampMs,
          message.barcode,
          message.testStep,
        ) as [number, number | null];
        const verdict = judge(message.measuredValue, limits ?? null);
        // Positional: binding an object by name costs a property lookup per column.
        const inserted = s.insertResult.run(
          message.lineId,
          message.machineId,
          message.barcode,
          message.productId,
          message.testStep,
          message.measuredValue,
          message.unit ?? null,
          message.operator ?? null,
          message.messageId ?? null,
          message.timestampMs,
          receivedMs,
          verdict,
          limits?.id ?? null,
          earlier + 1,
        );
        if (inserted.changes !== 1) return false;
        // Stamped before an attempt already stored (a backlog replayed out of order): it
        // takes its place, and the later ones move up by one.
        if (latest !== null && latest > message.timestampMs) {
          this.renumber.after(message, results);
        }
        const stored = { ...message, verdict, attempt: earlier + 1 };
        for (const tally of this.tallies) tally.add(stored);
        this.onStored(message, receivedMs, verdict);
        if (results.length < MAX_RESULTS_REPORTED) {
          results.push({
            id: Number(inserted.lastInsertRowid),
            lineId: message.lineId,
            machineId: message.machineId,
            barcode: message.barcode,
            productId: message.productId,
            testStep: message.testStep,
            measuredValue: message.measuredValue,
            unit: message.unit ?? null,
            operator: message.operator ?? null,
            at: new Date(message.timestampMs).toISOString(),
            verdict,
            specVersion: limits?.version ?? null,
            attempt: earlier + 1,
          });
        }
        return true;
      }
      case 'telemetry': {
        const extras = Object.keys(message.extras).length ? JSON.stringify(message.extras) : null;
        return this.observed(
          message,
          receivedMs,
          s.insertTelemetry.run(
            message.machineId,
            message.lineId,
            message.timestampMs,
            message.temperature ?? null,
            message.unitsProduced ?? null,
            extras,
          ).changes === 1,
        );
      }
      case 'state':
        return this.observed(
          message,
          receivedMs,
          s.insertState.run(
            message.machineId,
            message.lineId,
            // The last will carries no time: the broker published it when the machine vanished.
            message.timestampMs ?? receivedMs,
            message.state,
            message.reason ?? null,
            receivedMs,
          ).changes === 1,
        );
      case 'commandAck': {
        const stored =
          s.insertAck.run(
            message.commandId,
            message.machineId,
            message.lineId,
            Number(message.ok),
            message.message ?? null,
            receivedMs,
          ).changes === 1;
        if (stored) this.answerCommand(message.commandId, message.ok, message.message ?? null);
        return this.observed(message, receivedMs, stored);
      }
    }
  }

  private observed(message: ParsedMessage, receivedMs: number, stored: boolean): boolean {
    if (stored) this.onStored(message, receivedMs);
    return stored;
  }

  /** `place`: the line and machine it belongs to, when known (a mapped Sparkplug device); null: none. */
  private deadLetter(
    raw: RawMessage,
    reason: string,
    field: string | null,
    place?: Place | null,
  ): void {
    const parts = raw.topic.split('/');
    const idOrNull = (value: string | undefined) =>
      place === null
        ? null
        : value !== undefined && /^[A-Za-z0-9_-]{1,64}$/.test(value)
          ? value
          : null;
    const payload = Buffer.from(raw.payload.buffer, raw.payload.byteOffset, raw.payload.byteLength);
    this.statements.insertDeadLetter.run({
      ms: raw.receivedMs,
      topic: raw.topic.slice(0, 1024),
      payload: payload.subarray(0, DEAD_LETTER_PAYLOAD_LIMIT),
      bytes: payload.byteLength,
      truncated: Number(payload.byteLength > DEAD_LETTER_PAYLOAD_LIMIT),
      reason: reason.slice(0, 1000),
      field,
      lineId: place ? place.lineId : idOrNull(parts[parts.length - 3]),
      machineId: place ? place.machineId : idOrNull(parts[parts.length - 2]),
      digest: createHash('sha256').update(raw.topic).update('\0').update(payload).digest('hex'),
    });
  }
}

/**
 * Keeps the newest state and readings per machine within a batch; `newest` is false for a
 * state or sample older than what the machine already showed (it only counts as heard from).
 */
function noteMachineUpdate(
  updates: Map<string, MachineUpdate>,
  message: ParsedMessage,
  receivedMs: number,
  newest: boolean,
): void {
  let update = updates.get(message.machineId);
  if (!update) {
    update = { machineId: message.machineId, lineId: message.lineId, lastSeenMs: receivedMs };
    updates.set(message.machineId, update);
  }
  update.lastSeenMs = Math.max(update.lastSeenMs, receivedMs);
  if (!newest) return;
  if (message.kind === 'state') {
    const at = message.timestampMs ?? receivedMs;
    if (update.stateMs === undefined || at >= update.stateMs) {
      update.state = message.state;
      update.stateMs = at;
      update.reason = message.reason ?? null;
    }
  } else if (message.kind === 'telemetry') {
    if (message.temperature !== undefined) update.temperature = message.temperature;
    if (message.unitsProduced !== undefined) update.unitsProduced = message.unitsProduced;
  }
}

function noteRefusal(summary: IngestSummary, topic: string, reason: string): void {
  if (summary.refusals.length < MAX_RESULTS_REPORTED) summary.refusals.push({ topic, reason });
}

/**
 * A machine named under a line it is not registered to. The reason is shown to the sender and
 * kept in a dead letter of the named line: it must not say which line the machine is on,
 * which the reader may not be allowed to see.
 */
function misplacedMachineReason(machineId: string): string {
  return `topic: machine ${machineId} is registered to another line`;
}
