/**
 * Entry of the report process: builds reports from a read-only connection to the database,
 * away from the main process (which carries the UI's IPC) and from the store process (which
 * must keep committing what the broker sends). SQLite's WAL lets it read while the store writes.
 */
import Database from 'better-sqlite3';
import { bindingOptions } from '../../store/open-database';
import { buildReport } from '../data/build-report';
import { reportCsvFiles } from '../render/csv';
import { renderReport } from '../render/render-report';
import type { FromReports, ToReports } from './report-protocol';
import { parentChannel } from '../../process/parent-channel';
import { profileFromEnvironment } from './cpu-profile';

const writeProfile = profileFromEnvironment();

const { send, onMessage } = parentChannel<ToReports, FromReports>();

let db: Database.Database | null = null;

onMessage((message) => {
  if (message.kind === 'open') {
    try {
      db = new Database(message.databasePath, { readonly: true, ...bindingOptions() });
      db.pragma('busy_timeout = 5000');
      // Reports scan a lot: reading through a memory map saves a copy per page (20–30 % here).
      db.pragma('mmap_size = 268435456');
      send({ kind: 'ready' });
    } catch (error) {
      send({ kind: 'fatal', message: error instanceof Error ? error.message : String(error) });
    }
    return;
  }
  try {
    if (!db) throw new Error('The database is not open');
    const { job } = message;
    // One read transaction: every query of the report sees the same moment of the database.
    const built = db.transaction(() => {
      const report = buildReport(db!, job);
      return job.render.html
        ? { report, ...renderReport(report, job) }
        : { report, html: null, pageChrome: null };
    })();
    send({
      kind: 'built',
      id: message.id,
      built,
      csv: message.csv ? reportCsvFiles(built.report) : null,
    });
  } catch (error) {
    const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
    send({ kind: 'failed', id: message.id, message: text });
  }
});

process.on('disconnect', () => {
  db?.close();
  writeProfile();
  process.exit(0);
});
process.on('SIGTERM', () => {
  db?.close();
  writeProfile();
  process.exit(0);
});
