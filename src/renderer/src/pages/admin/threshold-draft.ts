import type { Threshold, ThresholdInput } from '../../../../shared/contract';
import { numberText, parseOptionalNumber } from './number-field';

export const LIMIT_FIELDS = ['highHigh', 'high', 'low', 'lowLow'] as const;
export type LimitField = (typeof LIMIT_FIELDS)[number];

export const LIMIT_LABEL: Record<LimitField, string> = {
  highHigh: 'High-high',
  high: 'High',
  low: 'Low',
  lowLow: 'Low-low',
};

/** The threshold form as typed: text, so a half-typed number is kept as the user left it. */
export type ThresholdDraft = Record<LimitField | 'metric' | 'deadband' | 'onDelayS', string>;

export function draftOf(metric: string, threshold: Threshold | undefined): ThresholdDraft {
  return {
    metric,
    highHigh: numberText(threshold?.highHigh),
    high: numberText(threshold?.high),
    low: numberText(threshold?.low),
    lowLow: numberText(threshold?.lowLow),
    deadband: numberText(threshold?.deadband ?? 0),
    onDelayS: numberText(threshold?.onDelayS ?? 0),
  };
}

export type DraftProblems = Partial<Record<keyof ThresholdDraft, string>>;

/** The draft as the contract's input, or what is wrong with it, field by field. */
export function readDraft(
  machineId: string,
  draft: ThresholdDraft,
): { input: ThresholdInput } | { problems: DraftProblems } {
  const problems: DraftProblems = {};
  const limits = {} as Record<LimitField, number | null>;
  for (const field of LIMIT_FIELDS) {
    const value = parseOptionalNumber(draft[field]);
    if (value === 'invalid') problems[field] = 'Enter a number or leave blank';
    else limits[field] = value;
  }
  const deadband = parseOptionalNumber(draft.deadband);
  if (deadband === 'invalid' || (deadband !== null && deadband < 0))
    problems.deadband = 'Enter 0 or more';
  const onDelay = parseOptionalNumber(draft.onDelayS);
  if (onDelay === 'invalid' || (onDelay !== null && (!Number.isInteger(onDelay) || onDelay < 0)))
    problems.onDelayS = 'Enter whole seconds, 0 or more';
  if (draft.metric.trim() === '') problems.metric = 'Name the metric';
  if (Object.keys(problems).length > 0) return { problems };
  const ordered = [limits.lowLow, limits.low, limits.high, limits.highHigh].filter(
    (limit): limit is number => limit !== null,
  );
  if (!ordered.every((limit, i) => i === 0 || ordered[i - 1]! <= limit))
    return { problems: { high: 'Limits must be ordered low-low ≤ low ≤ high ≤ high-high' } };
  return {
    input: {
      machineId,
      metric: draft.metric.trim(),
      ...limits,
      deadband: typeof deadband === 'number' ? deadband : 0,
      onDelayS: typeof onDelay === 'number' ? onDelay : 0,
    },
  };
}
