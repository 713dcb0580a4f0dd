import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { BackupFileName, type BackupFile } from '../../../shared/contract';
import { ApiFailure } from '../api-failure';
import type { Dispatcher } from '../dispatcher';
import type { HandlerServices } from '../services';

/** The backups folder's SQLite files, newest first; a missing folder is an empty list. */
export function listBackups(dir: string): BackupFile[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .filter((name) => BackupFileName.safeParse(name).success)
    .map((fileName) => {
      const stat = statSync(join(dir, fileName));
      return { fileName, bytes: stat.size, modified: stat.mtimeMs, isFile: stat.isFile() };
    })
    .filter((file) => file.isFile)
    .sort((a, b) => b.modified - a.modified || b.fileName.localeCompare(a.fileName))
    .map(({ fileName, bytes, modified }) => ({
      fileName,
      bytes,
      modifiedAt: new Date(modified).toISOString(),
    }));
}

/**
 * Backups go to `backups/` in the data folder, beside the database they copy. A restore
 * names one of the listed files exactly; `afterRestore` lets the backend drop what it
 * cached from the database that was replaced.
 */
export function registerBackupHandlers(
  dispatcher: Dispatcher,
  { store, dataDir, afterRestore }: HandlerServices,
): void {
  const backupsDir = join(dataDir, 'backups');
  dispatcher.register('backup.create', (_input, { caller }) =>
    store.backup(backupsDir, { username: caller.user.username }),
  );
  dispatcher.register('backup.list', async () => ({ backups: listBackups(backupsDir) }));
  dispatcher.register('backup.restore', async ({ fileName }, { caller }) => {
    // The name must be one the list shows, byte for byte: never a path of the caller's choosing.
    if (!listBackups(backupsDir).some((file) => file.fileName === fileName))
      throw new ApiFailure('NOT_FOUND', `There is no backup named ${fileName}`);
    const outcome = await store.restoreBackup(join(backupsDir, fileName), backupsDir, {
      username: caller.user.username,
    });
    await afterRestore();
    return outcome;
  });
}
