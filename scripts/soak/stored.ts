import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { barcodeOf, PUBLISHER_PREFIX } from './publisher';

export interface PublisherAccount {
  produced: number;
  acked: number;
  storedTotal: number;
  storedDistinct: number;
  /** Acknowledged by the broker, not in the database. */
  lost: number;
  /** Rows beyond one per barcode. */
  duplicated: number;
  firstLost: string[];
}

export interface SimulatorRunAccount {
  runId: string;
  /** Test results the simulator saw acknowledged, as it last reported (a killed run: a floor). */
  ackedReported: number;
  storedTotal: number;
  storedDistinct: number;
  /** Acknowledged (as far as reported) but not stored: max(0, reported - distinct stored). */
  lost: number;
  duplicated: number;
  killed: boolean;
}

export interface RollupAccount {
  /** Results counted in the hourly rollups beyond the stored rows (a double-counted redelivery). */
  resultRollupExcess: number;
  /** Temperature samples counted in the minute rollups beyond the stored samples. */
  telemetryRollupExcess: number;
}

/**
 * Reads the database file read-only (after the server has stopped, or beside the running
 * store: WAL lets a reader in while the store writes).
 */
export class StoredData {
  private readonly db: Database.Database;

  constructor(path: string) {
    if (!existsSync(path)) throw new Error(`no database at ${path}`);
    this.db = new Database(path, { readonly: true, fileMustExist: true });
  }

  publisherAccount(acked: ReadonlySet<number>, produced: number): PublisherAccount {
    const barcodes = this.db
      .prepare("SELECT barcode FROM test_results WHERE barcode LIKE ? || '-%'")
      .pluck()
      .all(PUBLISHER_PREFIX) as string[];
    const distinct = new Set(barcodes);
    const lostIndices = [...acked].filter((index) => !distinct.has(barcodeOf(index)));
    return {
      produced,
      acked: acked.size,
      storedTotal: barcodes.length,
      storedDistinct: distinct.size,
      lost: lostIndices.length,
      duplicated: barcodes.length - distinct.size,
      firstLost: lostIndices.slice(0, 5).map(barcodeOf),
    };
  }

  /** Run ids in the order the simulator was started (the events say which run each was). */
  simulatorRunIds(): string[] {
    const details = this.db
      .prepare("SELECT details FROM events WHERE type = 'simulator.started' ORDER BY id")
      .pluck()
      .all() as string[];
    return details.map((text) => String((JSON.parse(text) as { runId?: unknown }).runId ?? ''));
  }

  simulatorRun(runId: string, ackedReported: number, killed: boolean): SimulatorRunAccount {
    // The simulator's message ids are `<runId>-<machine>-<n>`.
    const row = this.db
      .prepare(
        `SELECT count(*) AS total, count(DISTINCT message_id) AS distinctIds
         FROM test_results WHERE message_id LIKE ? || '-%'`,
      )
      .get(runId) as { total: number; distinctIds: number };
    return {
      runId,
      ackedReported,
      storedTotal: row.total,
      storedDistinct: row.distinctIds,
      lost: Math.max(0, ackedReported - row.distinctIds),
      duplicated: row.total - row.distinctIds,
      killed,
    };
  }

  rollups(): RollupAccount {
    const scalar = (sql: string): number => Number(this.db.prepare(sql).pluck().get() ?? 0);
    return {
      resultRollupExcess:
        scalar('SELECT coalesce(sum(results), 0) FROM result_hours') -
        scalar('SELECT count(*) FROM test_results'),
      telemetryRollupExcess:
        scalar("SELECT coalesce(sum(n), 0) FROM telemetry_minutes WHERE metric = 'temperature'") -
        scalar('SELECT count(*) FROM telemetry_samples WHERE temperature IS NOT NULL'),
    };
  }

  close(): void {
    this.db.close();
  }
}
