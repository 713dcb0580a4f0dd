import { SIMULATOR_LIMITS, type SimulatorScenario } from '../../../shared/contract';

/** The simulator form as typed: text until it is sent. */
export interface OptionFields {
  lines: string;
  machinesPerLine: string;
  rate: string;
  seed: string;
  scenarios: SimulatorScenario[];
}

export type NumberField = Exclude<keyof OptionFields, 'scenarios'>;

const RULES: Record<NumberField, { min: number; max: number; whole: boolean }> = {
  lines: { ...SIMULATOR_LIMITS.lines, whole: true },
  machinesPerLine: { ...SIMULATOR_LIMITS.machinesPerLine, whole: true },
  rate: { ...SIMULATOR_LIMITS.rate, whole: false },
  seed: { ...SIMULATOR_LIMITS.seed, whole: true },
};

/**
 * What is wrong with the typed options, per field, before anything is sent (the backend
 * checks the same limits and has the last word).
 */
export function optionProblems(fields: OptionFields): Partial<Record<NumberField, string>> {
  const problems: Partial<Record<NumberField, string>> = {};
  for (const key of Object.keys(RULES) as NumberField[]) {
    const rule = RULES[key];
    const text = fields[key].trim();
    const value = Number(text);
    if (text === '' || !Number.isFinite(value)) problems[key] = 'Enter a number.';
    else if (rule.whole && !Number.isInteger(value)) problems[key] = 'Enter a whole number.';
    else if (value < rule.min || value > rule.max)
      problems[key] = `Enter ${rule.min} to ${rule.max}.`;
  }
  const total = Number(fields.lines) * Number(fields.machinesPerLine);
  if (!problems.lines && !problems.machinesPerLine && total > SIMULATOR_LIMITS.machines.max)
    problems.machinesPerLine = `At most ${SIMULATOR_LIMITS.machines.max} machines in all (${total} asked).`;
  return problems;
}
