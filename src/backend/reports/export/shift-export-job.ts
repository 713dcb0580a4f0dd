import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Plant, ReportScope, Settings } from '../../../shared/contract';
import type { StoreClient } from '../../store/store-client';
import type { ReportService } from '../report-service';
import {
  lastShiftEndAtOrBefore,
  shiftsEndedBetween,
  type ShiftSpan,
} from '../../../shared/rules/shifts';

/** A closed app catches up on at most this many shifts; older ones are noted, not printed. */
export const MAX_CATCH_UP_SHIFTS = 21;
const CHECK_EVERY_MS = 60_000;

/** `2026-11-22-Early`: the plant date the shift started, then its name, safe for file names. */
function shiftLabel(shift: ShiftSpan): string {
  return `${shift.plantDate}-${shift.name.replace(/[^A-Za-z0-9_-]+/g, '_')}`;
}

function lineScope(plant: Plant, lineId: string): ReportScope {
  const line = plant.lines.find((candidate) => candidate.id === lineId);
  const name = line && line.name !== lineId ? `${line.name} (${lineId})` : lineId;
  return {
    kind: 'line',
    lineId,
    machineId: null,
    label: `Line ${name}`,
    // Simulated machines stay out of the end-of-shift reports, as out of every other report.
    machineIds: plant.machines.filter((m) => m.lineId === lineId && !m.simulated).map((m) => m.id),
    simulated: {
      included: false,
      count: plant.machines.filter((m) => m.lineId === lineId && m.simulated).length,
    },
  };
}

/**
 * Writes each line's shift report as PDF into the admin's folder when a shift ends. It checks
 * once a minute and at start, from the last shift it exported, so shifts that ended while the
 * app was closed are written at the next start. Each file is recorded in the event log.
 */
export class ShiftExportJob {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  /** Shift ends whose failure is already in the event log: retried quietly every minute. */
  private readonly failuresLogged = new Set<number>();

  constructor(
    private readonly reports: ReportService,
    private readonly store: StoreClient,
    private readonly settings: () => Settings,
    private readonly now: () => number,
    private readonly log: (line: string) => void,
  ) {}

  start(): void {
    void this.runOnce();
    this.timer = setInterval(() => void this.runOnce(), CHECK_EVERY_MS);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Resolves when no export is being written (before the backend closes the store). */
  async idle(): Promise<void> {
    await this.running;
  }

  /** One check; overlapping calls share the run in progress. */
  runOnce(): Promise<void> {
    this.running ??= this.exportDue()
      .catch((error: unknown) => this.log(`shift export: ${String(error)}`))
      .finally(() => (this.running = null));
    return this.running;
  }

  private async exportDue(): Promise<void> {
    const {
      shiftReportFolder: folder,
      shiftReportPaper: paper,
      shifts,
      timeZone,
    } = this.settings();
    if (!folder) return;
    const nowMs = this.now();
    // The first export after the folder is set covers the shift that ended last.
    const last =
      (await this.store.lastShiftExport()) ??
      (lastShiftEndAtOrBefore(shifts, nowMs - 1, timeZone) ?? nowMs) - 1;
    const due = shiftsEndedBetween(shifts, last, nowMs, timeZone);
    const skipped = due.length - MAX_CATCH_UP_SHIFTS;
    if (skipped > 0) this.log(`shift export: ${skipped} older shifts skipped (closed too long)`);
    for (const shift of due.slice(Math.max(0, skipped))) {
      if (!(await this.exportShift(shift, folder, paper))) return;
    }
  }

  /** Writes every line's report of one shift; false if it failed (tried again next minute). */
  private async exportShift(
    shift: ShiftSpan,
    folder: string,
    paper: Settings['shiftReportPaper'],
  ): Promise<boolean> {
    try {
      await mkdir(folder, { recursive: true });
      const plant = await this.store.listPlant();
      const files: { lineId: string; path: string; reportId: string; dataSha256: string }[] = [];
      for (const line of plant.lines) {
        const scope = lineScope(plant, line.id);
        if (scope.machineIds.length === 0) continue;
        const { built, pdf } = await this.reports.asSystem(
          {
            type: 'shift',
            from: new Date(shift.startMs).toISOString(),
            to: new Date(shift.endMs).toISOString(),
            paper,
          },
          scope,
        );
        const path = join(folder, `linewatch-shift-${line.id}-${shiftLabel(shift)}.pdf`);
        await writeFile(path, pdf);
        const { id, dataSha256 } = built.report.meta;
        files.push({ lineId: line.id, path, reportId: id, dataSha256 });
      }
      await this.store.recordShiftExport(shift.endMs, files);
      this.failuresLogged.delete(shift.endMs);
      this.log(`shift export: ${files.length} report(s) for ${shiftLabel(shift)} in ${folder}`);
      return true;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      if (!this.failuresLogged.has(shift.endMs)) {
        this.failuresLogged.add(shift.endMs);
        await this.store.recordShiftExportFailure(shift.endMs, reason).catch(() => undefined);
      }
      this.log(`shift export failed: ${reason}`);
      return false;
    }
  }
}
