import type { Database } from 'better-sqlite3';
import type { ParsedMessage } from '../ingest/protocol';

/**
 * Each machine's newest state and telemetry stamps, so that a state or sample older than what
 * the machine already showed (a backlog replayed out of order) is kept in the history but never
 * moves the machine's current state or readings backwards. Read from the tables at a machine's
 * first message, then kept here: the in-order path costs no query.
 */
export class NewestStamps {
  private readonly newestOf = new Map<string, { stateMs: number; readingsMs: number }>();
  private readonly newestState;
  private readonly newestReadings;

  constructor(db: Database) {
    this.newestState = db
      .prepare('SELECT max(ts_ms) FROM machine_states WHERE machine_id = ?')
      .pluck();
    this.newestReadings = db
      .prepare('SELECT max(ts_ms) FROM telemetry_samples WHERE machine_id = ?')
      .pluck();
  }

  /** Read again from the tables at each machine's next message (a batch was rolled back). */
  forget(): void {
    this.newestOf.clear();
  }

  /** Whether a stored message is its machine's newest of its kind (always, for other kinds). */
  isNewest(message: ParsedMessage, receivedMs: number): boolean {
    if (message.kind !== 'state' && message.kind !== 'telemetry') return true;
    let newest = this.newestOf.get(message.machineId);
    if (!newest) {
      newest = {
        stateMs: (this.newestState.get(message.machineId) as number | null) ?? -Infinity,
        readingsMs: (this.newestReadings.get(message.machineId) as number | null) ?? -Infinity,
      };
      this.newestOf.set(message.machineId, newest);
    }
    const field = message.kind === 'state' ? 'stateMs' : 'readingsMs';
    // The last will has no stamp: the broker published it when the machine vanished.
    const at = message.timestampMs ?? receivedMs;
    // Equal stamps count as newest: a batch retried after a rollback must show again.
    if (at < newest[field]) return false;
    newest[field] = at;
    return true;
  }
}
