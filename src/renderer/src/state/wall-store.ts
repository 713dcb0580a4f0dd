import { create } from 'zustand';

export const WALL_CYCLE_KEY = 'linewatch.wallCycleSeconds';
export const WALL_CYCLE_CHOICES = [5, 10, 15, 30, 60] as const;
export const DEFAULT_WALL_CYCLE_S = 15;

function storedCycleSeconds(): number {
  try {
    const stored = Number(localStorage.getItem(WALL_CYCLE_KEY));
    return (WALL_CYCLE_CHOICES as readonly number[]).includes(stored)
      ? stored
      : DEFAULT_WALL_CYCLE_S;
  } catch {
    return DEFAULT_WALL_CYCLE_S;
  }
}

interface WallState {
  /** The Overview fills the screen, one line at a time; the app frame hides its chrome. */
  active: boolean;
  /** Seconds each line stays on screen (per workstation). */
  cycleSeconds: number;
  setActive: (active: boolean) => void;
  setCycleSeconds: (seconds: number) => void;
}

export const useWall = create<WallState>()((set) => ({
  active: false,
  cycleSeconds: storedCycleSeconds(),
  setActive: (active) => set({ active }),
  setCycleSeconds: (cycleSeconds) => {
    try {
      localStorage.setItem(WALL_CYCLE_KEY, String(cycleSeconds));
    } catch {
      // Not stored: the choice holds until reload.
    }
    set({ cycleSeconds });
  },
}));
