import type { Database, Statement } from 'better-sqlite3';
import type { TestResult, Verdict } from '../../shared/contract';
import type { ParsedMessage } from '../ingest/protocol';

type ParsedTestResult = Extract<ParsedMessage, { kind: 'test' }>;

/** Rows written by one statement: each statement run cost about 0.8 µs of a 4.8 µs insert. */
const ROWS_TOGETHER = 50;

const COLUMNS = `line_id, machine_id, barcode, product_id, test_step, measured_value, unit,
  operator, message_id, ts_ms, received_ms, verdict, spec_id, attempt`;
const ROW = '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)';

/**
 * Inserts into test_results, one row at a time (`insertNow`, which says whether the row was new)
 * or held to be written with others in one multi-row statement (`hold`). Only rows that cannot
 * be in the table already may be held: the writer holds a result without a message id stamped
 * after every stored attempt of its unit and step (so neither unique index can refuse it).
 * Held rows are written before any other row (so ids follow the order results came in), when
 * `ROWS_TOGETHER` are held, before the table is read in the transaction (`flush`: the alert
 * rules' FAIL-rate window, attempt renumbering) and at the batch's end. Each reported result of
 * a held row gets its id when the row is written.
 */
export class ResultInserts {
  private readonly one: Statement;
  private readonly together: Statement;
  private readonly held: unknown[] = [];
  /** Per held row, its reported result (to get its id) or null. */
  private readonly reported: (TestResult | null)[] = [];

  constructor(db: Database) {
    this.one = db.prepare(`INSERT OR IGNORE INTO test_results (${COLUMNS}) VALUES ${ROW}`);
    this.together = db.prepare(
      // OR IGNORE, though nothing held can be refused: a multi-row statement that could abort
      // half-way makes SQLite keep a statement journal of every page it changes.
      `INSERT OR IGNORE INTO test_results (${COLUMNS}) VALUES ${Array(ROWS_TOGETHER).fill(ROW).join(', ')}`,
    );
  }

  /** A batch begins (or runs again after a rollback): nothing is held. */
  reset(): void {
    this.held.length = 0;
    this.reported.length = 0;
  }

  /** Writes one row now (held rows first); its id, or null when the table already held it. */
  insertNow(row: ResultRow): number | null {
    this.flush();
    const inserted = this.one.run(
      row.message.lineId,
      row.message.machineId,
      row.message.barcode,
      row.message.productId,
      row.message.testStep,
      row.message.measuredValue,
      row.message.unit ?? null,
      row.message.operator ?? null,
      row.message.messageId ?? null,
      row.message.timestampMs,
      row.receivedMs,
      row.verdict,
      row.specId,
      row.attempt,
    );
    return inserted.changes === 1 ? Number(inserted.lastInsertRowid) : null;
  }

  /** Holds a row that cannot be in the table yet; `reported` gets its id once written. */
  hold(row: ResultRow, reported: TestResult | null): void {
    const { message } = row;
    this.held.push(
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
      row.receivedMs,
      row.verdict,
      row.specId,
      row.attempt,
    );
    this.reported.push(reported);
    if (this.reported.length === ROWS_TOGETHER) this.flush();
  }

  /** Writes the rows held. */
  flush(): void {
    const count = this.reported.length;
    if (count === 0) return;
    let lastId: number;
    if (count === ROWS_TOGETHER) {
      const inserted = this.together.run(this.held);
      if (inserted.changes !== count) throw new Error('a held test result was already stored');
      lastId = Number(inserted.lastInsertRowid);
    } else {
      lastId = 0;
      for (let at = 0; at < this.held.length; at += COLUMN_COUNT) {
        const inserted = this.one.run(this.held.slice(at, at + COLUMN_COUNT));
        if (inserted.changes !== 1) throw new Error('a held test result was already stored');
        lastId = Number(inserted.lastInsertRowid);
      }
    }
    // Rowids of new rows are the table's highest plus one, row by row, in order.
    for (let at = 0; at < count; at += 1) {
      const result = this.reported[at];
      if (result) result.id = lastId - (count - 1 - at);
    }
    this.reset();
  }
}

/** A test_results row: the parsed result and what the store adds to it. */
export interface ResultRow {
  message: ParsedTestResult;
  receivedMs: number;
  verdict: Verdict;
  specId: number | null;
  attempt: number;
}

/** Values per row, as COLUMNS names them. */
const COLUMN_COUNT = 14;
