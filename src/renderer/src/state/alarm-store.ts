import { create } from 'zustand';
import { saveAlarmEnabled, storedAlarmEnabled } from '../lib/alarm-setting';

interface AlarmState {
  /** The Settings switch of this workstation (localStorage). */
  enabled: boolean;
  /** The top-bar mute: for this session only, so a muted screen is not forgotten muted. */
  muted: boolean;
  /** How many times the tone was played since the page loaded (shown to tests and tooltips). */
  rings: number;
  setEnabled: (enabled: boolean) => void;
  toggleMuted: () => void;
  countRing: () => void;
}

export const useAlarm = create<AlarmState>()((set) => ({
  enabled: storedAlarmEnabled(),
  muted: false,
  rings: 0,
  setEnabled: (enabled) => {
    saveAlarmEnabled(enabled);
    set({ enabled, muted: false });
  },
  toggleMuted: () => set((state) => ({ muted: !state.muted })),
  countRing: () => set((state) => ({ rings: state.rings + 1 })),
}));
