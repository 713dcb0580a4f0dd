/**
 * Named scenarios, combinable. Each is a small change to how machines behave; the model
 * asks these functions rather than testing scenario names all over the place.
 */
import {
  isScenarioName,
  SCENARIO_NAMES,
  type ScenarioName,
} from '../../src/shared/rules/simulator-scenarios';

export { SCENARIO_NAMES, type ScenarioName };

export function parseScenarioList(text: string): ScenarioName[] {
  const names = text
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name.length > 0);
  const unknown = names.filter((name) => !isScenarioName(name));
  if (unknown.length > 0) {
    throw new Error(`unknown scenario ${unknown.join(', ')} (known: ${SCENARIO_NAMES.join(', ')})`);
  }
  return [...new Set(names)] as ScenarioName[];
}

/** Where a machine sits, and how long the run has lasted, in virtual time. */
export interface MachinePosition {
  lineIndex: number;
  machineIndex: number;
  machinesPerLine: number;
}

/** overheat: the first machine of the first line loses its coolant 10 s into the run. */
export const OVERHEAT = { startsAfterMs: 10_000, targetCelsius: 112 };

export function isOverheating(position: MachinePosition, elapsedMs: number): boolean {
  return (
    position.lineIndex === 0 && position.machineIndex === 0 && elapsedMs >= OVERHEAT.startsAfterMs
  );
}

/**
 * drift: the last machine of each line drifts toward its upper limits, reaching them after
 * 10 virtual minutes and going on past them (to 1.5 times the distance) so failures follow.
 */
export const DRIFT = { reachesLimitAfterMs: 10 * 60_000, maxFraction: 1.5 };

export function driftFraction(position: MachinePosition, elapsedMs: number): number {
  if (position.machineIndex !== position.machinesPerLine - 1) return 0;
  return Math.min(elapsedMs / DRIFT.reachesLimitAfterMs, DRIFT.maxFraction);
}

/** downtime: every running machine breaks down now and then, and comes back by itself. */
export const DOWNTIME = {
  meanTimeBetweenMs: 3 * 60_000,
  reasons: ['jam', 'material_shortage', 'tool_change'] as const,
  downForMs: [10_000, 60_000] as const,
  /** One stop in ten is planned maintenance instead of a fault. */
  maintenanceShare: 0.1,
  maintenanceForMs: [60_000, 120_000] as const,
};

/**
 * flood: four machines in five breach at once: hot, shaking, failing tests. It starts 20 s
 * into the run, lasts 2 minutes and comes back every 10 minutes.
 */
export const FLOOD = {
  startsAfterMs: 20_000,
  lastsMs: 120_000,
  everyMs: 600_000,
  shareOfMachines: 0.8,
  temperatureRiseCelsius: 45,
  vibrationFactor: 5,
  defectRate: 0.6,
};

export function isFloodActive(elapsedMs: number): boolean {
  if (elapsedMs < FLOOD.startsAfterMs) return false;
  return (elapsedMs - FLOOD.startsAfterMs) % FLOOD.everyMs < FLOOD.lastsMs;
}

/** bad-data: after each good message, this share of extra malformed ones. */
export const BAD_DATA = { share: 0.05, oversizeShare: 0.05, oversizeBytes: 300_000 };

/** broker-drop: the runner cuts its connections this long, this often (real time). */
export const BROKER_DROP = { everyMs: 45_000, lastsMs: 5_000, firstAfterMs: 15_000 };
