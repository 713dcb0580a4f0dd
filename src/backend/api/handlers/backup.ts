import { join } from 'node:path';
import type { Dispatcher } from '../dispatcher';
import type { Services } from '../services';

/** Backups go to `backups/` in the data folder, beside the database they copy. */
export function registerBackupHandlers(
  dispatcher: Dispatcher,
  { store }: Services,
  dataDir: string,
): void {
  dispatcher.register('backup.create', (_input, { caller }) =>
    store.backup(join(dataDir, 'backups'), { username: caller.user.username }),
  );
}
