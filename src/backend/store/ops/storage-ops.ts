import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Actor, RestoreOutcome, ProcessEnd } from './types';
import type { StoreContext } from './context';
import {
  processEndedCondition,
  storageCondition,
  storageFullCondition,
} from '../../alerts/rules/conditions';

/** The database itself: backups, restores, retention, a full disk, recovery and ended processes. */
export function storageOps(ctx: StoreContext) {
  return {
    /**
     * An online backup (SQLite's backup API) into `dir`, while ingest goes on; the file is a
     * complete database that can replace linewatch.sqlite with the app stopped.
     */
    async backup(dir: string, actor: Actor): Promise<{ file: string; bytes: number }> {
      mkdirSync(dir, { recursive: true });
      // Read before the await: past it, this call's time is no longer set (store-clock.ts).
      const nowMs = ctx.clock.nowMs();
      const file = join(
        dir,
        `linewatch-${new Date(nowMs).toISOString().replace(/[:.]/g, '-')}.sqlite`,
      );
      await ctx.db.backup(file);
      const bytes = statSync(file).size;
      ctx.clock.during(nowMs, () =>
        ctx.tx(() =>
          ctx.events.append({
            type: 'store.backup',
            actor: actor.username,
            target: file,
            message: `${actor.username} backed up the database to ${file} (${bytes} bytes)`,
          }),
        ),
      );
      return { file, bytes };
    },

    /**
     * Just after a backup was put in place (store-process.ts swaps the file): every session
     * the restored database knows is ended, since its tokens belong to another moment, and the
     * restore is recorded in the restored log, which is the one that goes on.
     */
    recordRestore(
      fileName: string,
      safetyCopy: string,
      actor: Actor,
      schema: { from: number; to: number },
    ): RestoreOutcome {
      return ctx.tx(() => {
        const sessionIds = ctx.sessions.revokeAll(ctx.clock.nowIso());
        if (sessionIds.length) ctx.notice({ topic: 'sessions.revoked', payload: { sessionIds } });
        ctx.events.append({
          type: 'backup.restored',
          actor: actor.username,
          target: fileName,
          message: `${actor.username} restored the database from ${fileName}; the database as it was is kept as ${safetyCopy}`,
          details: { fileName, safetyCopy, schemaFrom: schema.from, schemaTo: schema.to },
        });
        return { restored: fileName, safetyCopy };
      });
    },

    /** Raises or clears the full-disk alert (StorageGuard decides when; see storage-guard.ts). */
    storageFull(full: boolean, nowMs: number): void {
      ctx.tx(() => {
        const condition = storageFullCondition();
        if (full) ctx.alerts.raise(condition, nowMs);
        else ctx.alerts.returnToNormal(condition.key, nowMs);
      });
    },

    /** After a damaged database was moved aside: an event and a critical alert in the new one. */
    recordRecovery(movedTo: string, reason: string): void {
      ctx.tx(() => {
        ctx.events.append({
          type: 'store.recovered',
          target: movedTo,
          message: `The database failed its check at start (${reason}); it was moved to ${movedTo} and a fresh one created`,
          details: { movedTo, reason },
        });
        ctx.alerts.raise(storageCondition(movedTo, reason), ctx.clock.nowMs());
      });
    },

    /**
     * A background process ended unexpectedly: an event, and a high plant-wide alert that stays
     * until acknowledged (raised, and back to normal at once: the process runs again or stopped).
     */
    recordProcessEnd(end: ProcessEnd, nowMs: number): void {
      ctx.tx(() => {
        ctx.events.append({
          type: `process.${end.outcome}`,
          actor: 'Linewatch',
          target: end.process,
          message: end.message,
          details: { process: end.process, why: end.why, outcome: end.outcome },
        });
        const condition = processEndedCondition(end.process, end.message);
        ctx.alerts.raise(condition, nowMs);
        ctx.alerts.returnToNormal(condition.key, nowMs);
      });
    },

    /** Trims raw telemetry and rollups past their retention, in bounded batches. */
    applyRetention(nowMs: number): { raw: number; rollups: number } {
      const settings = ctx.settings.get();
      const removed = ctx.tx(() =>
        ctx.rollups.trim(nowMs, settings.rawRetentionDays, settings.rollupRetentionDays),
      );
      if (removed.raw + removed.rollups > 0) {
        ctx.tx(() =>
          ctx.events.append({
            type: 'retention.applied',
            message: `Retention removed ${removed.raw} raw telemetry samples and ${removed.rollups} minute rollups`,
            details: { ...removed },
          }),
        );
      }
      return removed;
    },
  };
}
