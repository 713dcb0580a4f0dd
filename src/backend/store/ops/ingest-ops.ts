import type { DeadLetter, DeadLetterQuery, DeadLetterReason } from '../../../shared/contract';
import type { EventVisibility } from '../events-store';
import { IngestStore } from '../ingest-store';
import type { IngestSummary, RawMessage, ReplayOutcome } from '../ingest-messages';
import { SparkplugIngest, type SparkplugSetup } from '../sparkplug-ingest';
import type { Actor } from './types';
import type { StoreContext } from './context';

/** Ingest: batches from the broker, dead letters and their replay, the counters. */
export function ingestOps(ctx: StoreContext) {
  let topicRoot = 'factory';
  const ingest = new IngestStore(
    ctx.db,
    (lineId, machineId, atMs) => {
      ctx.plant.saveMachine(lineId, machineId, undefined, ctx.clock.nowIso());
      ctx.events.append({
        type: 'plant.machine_registered',
        lineId,
        machineId,
        target: machineId,
        message: `Machine ${machineId} on line ${lineId} registered at its first message`,
      });
      // In a savepoint: a fault in the defaults never costs the message being stored.
      ctx.evaluateAlerts(() => ctx.limitTemplates.applyDefaults(lineId, machineId, atMs));
    },
    () => topicRoot,
    (commandId, ok, message) => {
      const record = ctx.commands.answer(commandId, ok, message, ctx.clock.nowMs());
      if (!record) return;
      ctx.events.append({
        type: ok ? 'command.answered' : 'command.failed',
        actor: record.issuedBy,
        target: record.machineId,
        lineId: record.lineId,
        machineId: record.machineId,
        message: `${record.machineId} answered ${record.command} (${record.id.slice(0, 8)}): ${ok ? 'ok' : 'refused'}${message ? ` — ${message}` : ''}`,
      });
      ctx.notice({ topic: 'command', payload: record });
    },
    (message, receivedMs, verdict) => {
      if (message.kind === 'telemetry') {
        ctx.rollups.add(message);
        if (message.temperature !== undefined)
          ctx.maintenance.temperatureStored(
            message.machineId,
            message.timestampMs,
            message.temperature,
          );
      }
      if (message.kind === 'telemetry' || message.kind === 'state') {
        // As stored: a last will carries no time and is stamped when it arrived.
        ctx.usage.stored(message.machineId, message.timestampMs ?? receivedMs);
      }
      ctx.evaluateAlerts(() => ctx.alertRules.stored(message, receivedMs, verdict));
    },
  );
  const sparkplug = new SparkplugIngest(ctx.db);
  ingest.useSparkplug(sparkplug);
  const ingestBatchWork = (messages: RawMessage[], options: { perMessage?: boolean }) => {
    ctx.alertRules.beginBatch();
    const summary = ingest.ingest(messages, options);
    // The edge-node sessions this batch moved, committed with it (a kill -9 keeps them true).
    sparkplug.persist();
    // A loop, not Math.max(...): a batch is thousands of messages.
    let receivedMs = 0;
    for (const message of messages)
      if (message.receivedMs > receivedMs) receivedMs = message.receivedMs;
    ctx.evaluateAlerts(() => ctx.alertRules.batchDone(summary.deadLettered, receivedMs));
    if (summary.newMachines.length) {
      ctx.notice({
        topic: 'plant.changed',
        payload: { machineIds: summary.newMachines.map((machine) => machine.machineId) },
      });
    }
    return summary;
  };
  return {
    setTopicRoot(root: string): void {
      topicRoot = root;
    },

    /** The Sparkplug B namespace and host session (null: Sparkplug off). */
    setSparkplug(setup: SparkplugSetup | null): void {
      sparkplug.configure(setup);
    },

    /** Validates, scores and stores a batch in one transaction; the caller acks after this returns. */
    ingestBatch(messages: RawMessage[], options: { perMessage?: boolean } = {}): IngestSummary {
      // A batch that fails leaves the Sparkplug sessions as they were: it will be redone.
      let undoSessions = sparkplug.beginBatch();
      try {
        const summary = ctx.txRulesOnce(
          () => ingestBatchWork(messages, options),
          () => {
            undoSessions();
            undoSessions = sparkplug.beginBatch();
            ingest.forget();
            ctx.alertRules.undoBatch();
          },
        );
        const rebirths = sparkplug.takeRebirths();
        return rebirths.length ? { ...summary, rebirths } : summary;
      } catch (error) {
        undoSessions();
        throw error;
      }
    },

    listDeadLetters(
      query: DeadLetterQuery,
      visibility: EventVisibility,
    ): {
      deadLetters: DeadLetter[];
      hasMore: boolean;
    } {
      return ctx.deadLetters.list(query, visibility);
    },

    deadLetterReasons(visibility: EventVisibility): DeadLetterReason[] {
      return ctx.deadLetters.reasons(visibility);
    },

    /**
     * Replays a dead letter the caller may see (null: no such dead letter in their scope),
     * as received or with a corrected payload. An edit is logged with the text that was replayed,
     * so what went into the plant's data can always be traced to who changed what.
     */
    replayDeadLetter(
      id: number,
      visibility: EventVisibility,
      actor: Actor,
      editedPayload?: string,
    ): ReplayOutcome | null {
      const visible = ctx.deadLetters.isVisible(id, visibility);
      if (!visible) return null;
      return ctx.tx(() => {
        const edited = editedPayload === undefined ? undefined : Buffer.from(editedPayload, 'utf8');
        const result = ingest.replay(id, ctx.clock.nowMs(), edited);
        if (result) {
          const how = edited ? ' with an edited payload' : '';
          ctx.events.append({
            type: edited ? 'deadletter.edited' : 'deadletter.replayed',
            actor: actor.username,
            target: `dead letter ${id}`,
            lineId: visible.lineId,
            machineId: visible.machineId,
            message:
              `${actor.username} replayed dead letter ${id}${how}: ${result.outcome} (${result.reason})` +
              (editedPayload === undefined ? '' : `; payload replayed: ${clip(editedPayload)}`),
          });
        }
        return result;
      });
    },

    ingestCounters(): Record<string, number> {
      const rows = ctx.db.prepare('SELECT name, value FROM ingest_counters').all() as {
        name: string;
        value: number;
      }[];
      return Object.fromEntries(rows.map((row) => [row.name, row.value]));
    },
  };
}

/** The event log keeps an edited payload whole up to this length, then marks the cut. */
const LOGGED_PAYLOAD_CHARS = 2_000;

function clip(text: string): string {
  return text.length <= LOGGED_PAYLOAD_CHARS
    ? text
    : `${text.slice(0, LOGGED_PAYLOAD_CHARS)}… (${text.length} characters in all)`;
}
