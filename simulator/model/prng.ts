/**
 * A small seeded PRNG (mulberry32): the same seed gives the same numbers on every machine
 * and Node version, which Math.random cannot promise. Not for anything secret.
 */
export interface Prng {
  /** Uniform in [0, 1). */
  next(): number;
  between(min: number, max: number): number;
  /** Normal distribution (Box-Muller). */
  normal(mean: number, standardDeviation: number): number;
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** Exponential waiting time: the gap between events that happen `meanMs` apart on average. */
  exponential(meanMs: number): number;
}

export function createPrng(seed: number): Prng {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    between: (min, max) => min + (max - min) * next(),
    normal: (mean, standardDeviation) => {
      const u = 1 - next(); // (0, 1]: log(0) would be -Infinity
      const v = next();
      return mean + standardDeviation * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    },
    chance: (probability) => next() < probability,
    pick: (items) => {
      const item = items[Math.floor(next() * items.length)];
      if (item === undefined) throw new Error('pick from an empty list');
      return item;
    },
    exponential: (meanMs) => -meanMs * Math.log(1 - next()),
  };
}

/**
 * Derives independent seeds for each machine and purpose from one run seed, so that adding a
 * scenario that draws numbers for one purpose does not shift another's sequence.
 */
export function deriveSeed(seed: number, ...parts: (number | string)[]): number {
  let hash = 2166136261 ^ (seed >>> 0); // FNV-1a over the parts' text
  for (const char of parts.join('/')) {
    hash = Math.imul(hash ^ char.charCodeAt(0), 16777619);
  }
  return hash >>> 0;
}
