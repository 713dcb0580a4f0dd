import { MAX_NESTING } from './limits';

/**
 * Whether a parsed JSON value nests containers (objects, arrays) more than `maxDepth` levels
 * deep; the value itself is level 1. JSON.parse reads any depth without recursion, but
 * JSON.stringify, structured clones and most walkers recurse and overflow the stack on a
 * payload of 100,000 nested arrays. This walk stops one level past the limit, so its own
 * recursion is bounded; flat payloads (the usual) cost one pass over their fields.
 */
export function nestsDeeperThan(value: unknown, maxDepth: number = MAX_NESTING): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (maxDepth <= 0) return true;
  if (Array.isArray(value)) {
    for (const item of value) if (nestsDeeperThan(item, maxDepth - 1)) return true;
    return false;
  }
  for (const key in value) {
    if (nestsDeeperThan((value as Record<string, unknown>)[key], maxDepth - 1)) return true;
  }
  return false;
}

/**
 * A copy of a value cut `levels` levels down: containers at the last level are kept empty.
 * Lets a payload too deep to serialize be kept as a (shortened) dead letter; cut one level
 * past the limit, it is still refused for its nesting.
 */
export function cutNesting(value: unknown, levels: number): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    return levels <= 1 ? [] : value.map((item) => cutNesting(item, levels - 1));
  }
  if (levels <= 1) return {};
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) copy[key] = cutNesting(item, levels - 1);
  return copy;
}

/**
 * A parsed payload as bytes for the ingest pipeline, whatever its depth: one nested deeper
 * than the protocol allows is cut one level past the limit (so the parser refuses it for that
 * and it is kept as a dead letter) instead of overflowing the stack in JSON.stringify.
 */
export function payloadBytes(payload: unknown): Uint8Array {
  const serializable = nestsDeeperThan(payload) ? cutNesting(payload, MAX_NESTING + 1) : payload;
  return new TextEncoder().encode(JSON.stringify(serializable));
}
