import type { Database } from 'better-sqlite3';
import { DEFAULT_SETTINGS } from './settings-store';
import { NewestStamps } from './newest-stamps';
import { DeadLetterWriter } from './dead-letter-writer';
import {
  emptySummary,
  noteMachineUpdate,
  noteRefusal,
  type IngestSummary,
  type MachineUpdate,
  type MessageOutcome,
  type RawMessage,
  type ReplayOutcome,
} from './ingest-messages';
import { TestResultWriter } from './test-result-writer';
import { parseFactoryMessage } from '../ingest/protocol';
import { checkNotInFuture } from '../ingest/protocol/future';
import type { Place, SparkplugIngest } from './sparkplug-ingest';
import type { ParsedMessage, ParseOutcome } from '../ingest/protocol';
import type { TestResult, Verdict } from '../../shared/contract';

/**
 * Validates, scores and stores messages. Called by the store process inside one transaction
 * per batch; the broker is acknowledged only after that transaction commits. Test results
 * are stored by TestResultWriter, refused messages by DeadLetterWriter.
 */
export class IngestStore {
  private readonly lineOfMachine = new Map<string, string>();
  private readonly newest: NewestStamps;
  private readonly statements;
  private readonly results: TestResultWriter;
  private readonly deadLetters: DeadLetterWriter;
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
    this.results = new TestResultWriter(db, (message, receivedMs, verdict) =>
      this.onStored(message, receivedMs, verdict),
    );
    this.deadLetters = new DeadLetterWriter(db);
    this.newest = new NewestStamps(db);
    this.statements = {
      lineOf: db.prepare('SELECT line_id FROM machines WHERE id = ?').pluck(),
      maxAheadMinutes: db
        .prepare("SELECT value FROM settings WHERE key = 'maxTimestampAheadMinutes'")
        .pluck(),
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
      bumpCounter: db.prepare(
        `INSERT INTO ingest_counters (name, value) VALUES (?, ?)
         ON CONFLICT (name) DO UPDATE SET value = value + excluded.value`,
      ),
    };
  }

  /** A batch was rolled back: machines it registered and stamps it saw are forgotten. */
  forget(): void {
    this.lineOfMachine.clear();
    this.newest.forget();
  }

  useSparkplug(sparkplug: SparkplugIngest): void {
    this.sparkplug = sparkplug;
  }

  ingest(messages: RawMessage[], options: { perMessage?: boolean } = {}): IngestSummary {
    const summary = emptySummary(messages.length);
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
      this.deadLetters.write(raw, reason, field, place);
      summary.deadLettered += 1;
      noteRefusal(summary, raw.topic, reason);
      outcomes?.push({ outcome: 'refused', reason, field });
    };
    const maxAheadMs = this.maxAheadMs();
    this.results.startBatch();
    // Parsed first (parsing is pure), so the batch's test results can have their units'
    // earlier attempts read in one statement before any is stored.
    const parsed = messages.map((raw) =>
      raw.refusal || this.sparkplug?.claims(raw.topic)
        ? null
        : parseFactoryMessage(raw.topic, raw.payload, {
            topicRoot: root,
            receivedAtMs: raw.receivedMs,
            maxAheadMs,
          }),
    );
    this.results.willStore(testResultsOf(parsed));
    for (let index = 0; index < messages.length; index += 1) {
      const raw = messages[index]!;
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
      const outcome = parsed[index]!;
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
    this.results.endBatch();
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
   * Runs a dead letter through validation again, as it was received or with a corrected
   * payload. A message refused for good stays a dead letter; one that passes now is stored
   * like any other.
   */
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
          this.results.startBatch();
          const stored = this.store(outcome.message, nowMs, []);
          this.results.endBatch();
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

  /** Stores one valid message; false when it was already stored (a redelivery). */
  private store(message: ParsedMessage, receivedMs: number, results: TestResult[]): boolean {
    const s = this.statements;
    switch (message.kind) {
      case 'test':
        return this.results.store(message, receivedMs, results);
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
}

/** The test results among a batch's parsed messages. */
function testResultsOf(
  parsed: readonly (ParseOutcome | null)[],
): Extract<ParsedMessage, { kind: 'test' }>[] {
  const results: Extract<ParsedMessage, { kind: 'test' }>[] = [];
  for (const outcome of parsed) {
    if (outcome?.ok && outcome.message.kind === 'test') results.push(outcome.message);
  }
  return results;
}

/**
 * A machine named under a line it is not registered to. The reason is shown to the sender and
 * kept in a dead letter of the named line: it must not say which line the machine is on,
 * which the reader may not be allowed to see.
 */
function misplacedMachineReason(machineId: string): string {
  return `topic: machine ${machineId} is registered to another line`;
}
