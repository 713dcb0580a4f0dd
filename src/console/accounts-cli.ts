/**
 * `npm run accounts -- unlock NAME [--data-dir DIR]`: lifts a login lockout from the server
 * machine, for when no admin can log in (the only admin locked out). It writes through the
 * store process, the database's one writer, and only while Linewatch is not running on the
 * folder (it would be a second writer); the unlock is in the event log like an admin's.
 * Exit code 0 when unlocked, 1 when refused (running, unknown name), 2 on a usage error.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DATABASE_FILE } from '../backend/backend';
import { runningPid } from '../backend/running-marker';
import { nodeLauncher } from '../backend/process/node-launcher';
import { connectStore } from '../backend/store/store-client';
import { defaultDataDir } from './cli-options';

const USAGE = 'usage: npm run accounts -- unlock NAME [--data-dir DIR]';
/** How the event log names who unlocked: someone at the server machine's command line. */
const CONSOLE_ACTOR = 'server console';

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    args: process.argv.slice(2),
    options: {
      'data-dir': { type: 'string', default: process.env.LINEWATCH_DATA_DIR ?? defaultDataDir() },
    },
    allowPositionals: true,
  });
  const [command, username] = positionals;
  if (command !== 'unlock' || !username || positionals.length !== 2) {
    console.error(USAGE);
    return 2;
  }
  const dataDir = values['data-dir'];
  const path = join(dataDir, DATABASE_FILE);
  if (!existsSync(path)) {
    console.error(`accounts: no database at ${path} (give --data-dir)`);
    return 1;
  }
  const pid = runningPid(dataDir);
  if (pid !== null) {
    console.error(
      `accounts: Linewatch is running on ${dataDir} (process ${pid}). Stop it first ` +
        '(Ctrl+C in its terminal, or stop its service), then run this again; or let another ' +
        'admin unlock the account in Admin → Accounts. Locks also end by themselves after 15 minutes.',
    );
    return 1;
  }
  const store = await connectStore(nodeLauncher.store(), path);
  try {
    const found = await store.credentials(username);
    if (!found) {
      console.error(`accounts: there is no account "${username}"`);
      return 1;
    }
    const user = await store.unlockUser(found.user.id, { username: CONSOLE_ACTOR });
    console.log(`Unlocked ${user.username}; recorded in the event log.`);
    return 0;
  } finally {
    await store.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`accounts: ${(error as Error).message}`);
    process.exit(1);
  },
);
