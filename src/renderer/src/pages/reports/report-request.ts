import {
  MAX_REPORT_DAYS,
  type Plant,
  type ReportRequest,
  type Shift,
} from '../../../../shared/contract';
import { presetRange, type TimeRange } from '../../lib/report-range';
import { fromPlantInput } from '../../../../shared/rules/plant-time';
import type { ReportFormValues } from './report-form-store';

export type ReportBase = Omit<ReportRequest, 'format' | 'table'>;

export type ResolvedRange = { range: TimeRange; problem: null } | { range: null; problem: string };

/** The range the form stands for at `nowMs`, or what is wrong with the custom one. */
export function resolveRange(
  values: ReportFormValues,
  shifts: readonly Shift[],
  nowMs: number,
  timeZone: string,
): ResolvedRange {
  if (values.range !== 'custom') {
    return { range: presetRange(values.range, shifts, nowMs, timeZone), problem: null };
  }
  // The inputs are read on the plant's wall clock, as the presets are.
  const fromMs = fromPlantInput(values.customFrom, timeZone);
  const toMs = fromPlantInput(values.customTo, timeZone);
  if (Number.isNaN(fromMs) || Number.isNaN(toMs))
    return { range: null, problem: 'Enter both a start and an end.' };
  if (toMs <= fromMs) return { range: null, problem: 'The end must be after the start.' };
  if (toMs - fromMs > MAX_REPORT_DAYS * 86_400_000) {
    return { range: null, problem: `A report covers at most ${MAX_REPORT_DAYS} days.` };
  }
  return { range: { fromMs, toMs, label: 'Custom range' }, problem: null };
}

/** 'line:L-1' / 'machine:M-1' as the request's line and machine; unknown ones mean the plant. */
export function scopeFields(
  scope: string,
  plant: Plant | null,
): Pick<ReportBase, 'line' | 'machine'> {
  const [kind, id] = scope.split(/:(.*)/s);
  if (kind === 'line' && plant?.lines.some((line) => line.id === id)) return { line: id };
  const machine = plant?.machines.find((candidate) => candidate.id === id);
  if (kind === 'machine' && machine) return { line: machine.lineId, machine: machine.id };
  return {};
}

export function buildReportBase(
  values: ReportFormValues,
  range: TimeRange,
  plant: Plant | null,
): ReportBase {
  return {
    type: values.type,
    from: new Date(range.fromMs).toISOString(),
    to: new Date(range.toMs).toISOString(),
    paper: values.paper,
    // Simulated machines stay out of reports unless the user ticks "Include simulated machines".
    includeSimulated: values.includeSimulated,
    ...scopeFields(values.scope, plant),
  };
}
