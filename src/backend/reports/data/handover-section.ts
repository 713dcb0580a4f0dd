import type { Database } from 'better-sqlite3';
import type { ReportSection } from '../../../shared/contract';
import { canReadHandover } from '../../../shared/rules/handover-scope';
import type { Reach } from '../../../shared/rules/scope';
import { HandoversStore } from '../../store/handovers-store';
import type { ReportJob } from '../report-job';
import { column, iso, table } from './report-parts';

/**
 * The shift report's handover section: each handover of a shift overlapping the range, on the
 * lines of the machines in scope, that the report's reader may read (the shared scope rule).
 */
export function handoverSection(db: Database, job: ReportJob): ReportSection {
  const linesInScope = new Set(
    db
      .prepare('SELECT DISTINCT line_id FROM machines WHERE id IN (SELECT value FROM json_each(?))')
      .pluck()
      .all(JSON.stringify(job.scope.machineIds)) as string[],
  );
  const reach: Reach =
    job.visibleLineIds === null
      ? { kind: 'plant', lines: new Set(), machines: new Set() }
      : { kind: 'lines', lines: new Set(job.visibleLineIds), machines: new Set() };
  const handovers = new HandoversStore(db)
    .inRange(job.fromMs, job.toMs)
    .filter((stored) => linesInScope.has(stored.handover.lineId))
    .filter((stored) =>
      canReadHandover(reach, { lineId: stored.handover.lineId, machines: stored.machines }),
    )
    .map((stored) => stored.handover);
  return {
    key: 'handover',
    title: 'Shift handover',
    note: 'Handovers of the shifts in the range: what was open when the line was handed over, the outgoing notes and the sign-off.',
    figures: [],
    charts: [],
    tables: [
      table(
        'handovers',
        'Handovers',
        [
          column('line', 'Line'),
          column('shift', 'Shift'),
          column('handedOverAt', 'Handed over at', 'time'),
          column('by', 'By'),
          column('open', 'Open items', 'count'),
          column('notes', 'Notes'),
          column('signedOff', 'Signed off by'),
        ],
        handovers.map((handover) => [
          handover.lineId,
          `${handover.shift.name} of ${handover.shift.plantDate}`,
          iso(Date.parse(handover.handedOverAt)),
          handover.handedOverStation
            ? `${handover.handedOverBy} at ${handover.handedOverStation}`
            : handover.handedOverBy,
          handover.openItems.length,
          handover.notes,
          handover.signedOffBy ?? 'Not signed off',
        ]),
        'No handover was written for the shifts in this range.',
      ),
    ],
  };
}
