import type { MachineState } from '../../../shared/contract';

export type ShownState = MachineState | 'unknown';

export interface StateLook {
  label: string;
  /**
   * A glyph whose shape alone tells the state apart (play, pause, cross, gear, hollow ring,
   * question mark), so colour-blind users and a glance from three metres both work.
   */
  glyph: string;
}

export const STATE_LOOK: Record<ShownState, StateLook> = {
  running: { label: 'Running', glyph: '▶' },
  idle: { label: 'Idle', glyph: '❚❚' },
  // Not ◆ ▲ ■ ●: those shapes mean alarm priorities (lib/alarm-priority.ts).
  down: { label: 'Down', glyph: '✖' },
  maintenance: { label: 'Maintenance', glyph: '⚙' },
  offline: { label: 'Offline', glyph: '○' },
  unknown: { label: 'Unknown', glyph: '?' },
};

/** A machine that never reported a state is "unknown", not silently "offline". */
export function shownState(state: MachineState | null): ShownState {
  return state ?? 'unknown';
}
