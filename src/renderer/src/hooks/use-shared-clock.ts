import { useSyncExternalStore } from 'react';
import { frozenNow, useConnection } from '../state/connection-store';

const TICK_MS = 1000;
const listeners = new Set<() => void>();
let nowMs = Date.now();
let timer: ReturnType<typeof setInterval> | null = null;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (timer === null) {
    nowMs = Date.now();
    timer = setInterval(() => {
      nowMs = Date.now();
      // Every reader is told in the same task, so React draws them all in one render.
      for (const notify of listeners) notify();
    }, TICK_MS);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer !== null) {
      clearInterval(timer);
      timer = null;
    }
  };
}

/**
 * The wall clock, once a second, shared by many small readers: one timer, one render for all.
 * For the "for 3 min" and "last seen 2 s ago" texts of 200 tiles, so that the clock re-renders
 * those texts only, not the tiles (`useNow` in each would mean 400 timers and 400 renders a
 * second; the clock as a tile prop, 200 whole tiles a second: see bench/renderer.bench.ts).
 */
export function useSharedClock(): number {
  const live = useSyncExternalStore(subscribe, () => nowMs);
  // Stopped at the loss of the connection: the ages on screen are from then.
  const frozen = useConnection(frozenNow);
  return frozen ?? live;
}
