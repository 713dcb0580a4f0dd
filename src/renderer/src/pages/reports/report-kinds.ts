import type { PaperSize, ReportType } from '../../../../shared/contract';
import type { RangePreset } from '../../lib/report-range';

/** The four reports, in the words of the people who take them to meetings. */
export const REPORT_KINDS: readonly { type: ReportType; title: string; summary: string }[] = [
  {
    type: 'shift',
    title: 'Shift report',
    summary:
      'Per line: units, OEE with its factors, first-pass yield, the steps that failed most, downtime, alerts and maintenance done.',
  },
  {
    type: 'quality',
    title: 'Quality report',
    summary:
      'Per product and test step: pass rate, mean and spread, Cp and Cpk, histogram, individuals chart, spec versions in force.',
  },
  {
    type: 'alarm',
    title: 'Alarm report',
    summary:
      'Alerts by priority and source, floods, the ten noisiest, mean time to acknowledge, shelved alerts with reasons.',
  },
  {
    type: 'maintenance',
    title: 'Maintenance report',
    summary: 'Maintenance tasks done, overdue and predicted.',
  },
];

export function reportTitle(type: ReportType): string {
  return REPORT_KINDS.find((kind) => kind.type === type)?.title ?? type;
}

export type RangeChoice = RangePreset | 'custom';

export const RANGE_CHOICES: readonly { value: RangeChoice; label: string }[] = [
  { value: 'current-shift', label: 'Current shift' },
  { value: 'last-shift', label: 'Last shift' },
  { value: 'today', label: 'Today' },
  { value: 'yesterday', label: 'Yesterday' },
  { value: 'last-7-days', label: 'Last 7 days' },
  { value: 'custom', label: 'Custom from / to' },
];

export const PAPER_CHOICES: readonly { value: PaperSize; label: string }[] = [
  { value: 'A4', label: 'A4 (210 × 297 mm)' },
  { value: 'Letter', label: 'Letter (8.5 × 11 in)' },
];
