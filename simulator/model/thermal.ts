/**
 * First-order thermal model: the temperature approaches its target exponentially with time
 * constant `timeConstantMs`. The exact solution, so the result does not depend on how often
 * the model is stepped.
 */
export function approachTemperature(
  currentCelsius: number,
  targetCelsius: number,
  elapsedMs: number,
  timeConstantMs: number,
): number {
  if (elapsedMs <= 0) return currentCelsius;
  return targetCelsius + (currentCelsius - targetCelsius) * Math.exp(-elapsedMs / timeConstantMs);
}

export const AMBIENT_CELSIUS = 22;
/** 60 s: a warm machine heats 20 degrees past its set point in about 40 s after losing coolant. */
export const THERMAL_TIME_CONSTANT_MS = 60_000;
