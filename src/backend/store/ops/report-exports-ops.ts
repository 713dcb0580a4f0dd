import type { StoreContext } from './context';

/** The end-of-shift report exports: which shift was written, and what failed. */
export function reportExportsOps(ctx: StoreContext) {
  return {
    /** The end (epoch ms) of the last shift whose reports were exported, or null before the first. */
    lastShiftExport(): number | null {
      return ctx.settings.readPrivate<number>('reports.lastShiftExportEndMs');
    },

    /**
     * Records a finished end-of-shift export: the files written (one event each, so the log
     * names every file) and the shift it covered, so a restart does not export it again.
     */
    recordShiftExport(
      shiftEndMs: number,
      files: { lineId: string; path: string; reportId: string; dataSha256: string }[],
    ): void {
      ctx.tx(() => {
        for (const file of files) {
          ctx.events.append({
            type: 'report.exported',
            actor: 'Linewatch',
            target: file.reportId,
            lineId: file.lineId,
            message: `The shift report ${file.reportId} of line ${file.lineId} was written to ${file.path}`,
            details: {
              path: file.path,
              dataSha256: file.dataSha256,
              shiftEnd: new Date(shiftEndMs).toISOString(),
            },
          });
        }
        ctx.settings.writePrivate('reports.lastShiftExportEndMs', shiftEndMs);
      });
    },

    /** An end-of-shift export that could not be written (folder missing, disk full). */
    recordShiftExportFailure(shiftEndMs: number, reason: string): void {
      ctx.tx(() => {
        ctx.events.append({
          type: 'report.export_failed',
          actor: 'Linewatch',
          message: `The shift reports for the shift ending ${new Date(shiftEndMs).toISOString()} could not be written: ${reason}`,
          details: { shiftEnd: new Date(shiftEndMs).toISOString(), reason },
        });
      });
    },
  };
}
