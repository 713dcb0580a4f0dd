/**
 * `npm run audit:verify -- [--data-dir DIR]`: checks the event log's hash chain in the
 * database file, read-only, and names the first broken row. Exit code 0 when intact, 1 when
 * broken, 2 when the database cannot be read.
 */
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DATABASE_FILE } from '../backend/backend';
import { EventsStore } from '../backend/store/events-store';
import { defaultDataDir } from './cli-options';
import { systemClock } from '../shared/clock';

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: {
    'data-dir': { type: 'string', default: process.env.LINEWATCH_DATA_DIR ?? defaultDataDir() },
  },
});
const path = join(values['data-dir'], DATABASE_FILE);
if (!existsSync(path)) {
  console.error(`audit:verify: no database at ${path}`);
  process.exit(2);
}
const db = new Database(path, { readonly: true, fileMustExist: true });
try {
  const result = new EventsStore(
    db,
    () => undefined,
    () => new Date(systemClock()).toISOString(),
  ).verify();
  if (result.ok) {
    console.log(`Event log intact: ${result.checked} rows chain correctly (${path})`);
  } else {
    console.log(
      `Event log BROKEN at row ${result.firstBrokenId}: ${result.reason}; ${result.checked} rows before it are intact (${path})`,
    );
    process.exitCode = 1;
  }
} catch (error) {
  console.error(`audit:verify: cannot read ${path}: ${(error as Error).message}`);
  process.exitCode = 2;
} finally {
  db.close();
}
