import { create } from 'zustand';
import type { PaperSize, ReportType } from '../../../../shared/contract';
import type { RangeChoice } from './report-kinds';

/**
 * What the user chose on the Reports page. Kept in a store so that a trip to another page and
 * back does not reset it (people check a figure on Lines, then return to print).
 */
export interface ReportFormValues {
  type: ReportType;
  range: RangeChoice;
  /** datetime-local values (plant local time); used when `range` is 'custom'. */
  customFrom: string;
  customTo: string;
  /** '' = the plant (everything the user may see), 'line:L-1', or 'machine:M-1'. */
  scope: string;
  paper: PaperSize;
  /** Machines a simulator run registered: left out unless asked for. */
  includeSimulated: boolean;
}

interface ReportFormState extends ReportFormValues {
  change: (patch: Partial<ReportFormValues>) => void;
}

export const useReportForm = create<ReportFormState>()((set) => ({
  type: 'shift',
  range: 'current-shift',
  customFrom: '',
  customTo: '',
  scope: '',
  paper: 'A4',
  includeSimulated: false,
  change: (patch) => set(patch),
}));

/** Two forms give the same report when this key is equal ("so far" ranges end at the click). */
export function formKey(values: ReportFormValues): string {
  const { type, range, customFrom, customTo, scope, paper, includeSimulated } = values;
  return JSON.stringify([
    type,
    range,
    range === 'custom' ? [customFrom, customTo] : null,
    scope,
    paper,
    includeSimulated,
  ]);
}
