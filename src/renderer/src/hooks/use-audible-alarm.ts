import { useEffect, useRef } from 'react';
import { api } from '../api/client';
import { alertsThatRing } from '../lib/alarm-decision';
import { playAlarmTone } from '../lib/alarm-tone';
import { useAlarm } from '../state/alarm-store';

/**
 * Sounds the alarm tone when a new high or critical alert arrives on 'alerts.changed', while
 * this workstation has the alarm on. Mounted once, in the app frame, so pages do not matter.
 */
export function useAudibleAlarm(): void {
  const enabled = useAlarm((state) => state.enabled);
  const heard = useRef<ReadonlySet<number>>(new Set());

  useEffect(() => {
    if (!enabled) return undefined;
    return api.on('alerts.changed', (items) => {
      const decision = alertsThatRing(items, heard.current, Date.now());
      heard.current = decision.heard;
      // Muted: the alerts are still heard, so unmuting later does not ring for old ones.
      const { muted, countRing } = useAlarm.getState();
      if (decision.ring.length === 0 || muted) return;
      // Counted when the alarm goes off, whether or not this PC has a working audio output.
      countRing();
      void playAlarmTone();
    });
  }, [enabled]);
}
