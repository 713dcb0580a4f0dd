import { useMemo, useState } from 'react';
import {
  FLOOD_WINDOW_MS,
  floodingOnScreen,
  raiseOf,
  type FloodGroup,
  type Raise,
} from '../../../../shared/rules/flood';
import { api } from '../../api/client';
import { useLiveTopic } from '../../hooks/use-live-topic';
import { useLoad } from '../../hooks/use-load';
import { useNow } from '../../hooks/use-now';

/**
 * The flood groups (lines, plant-wide alerts) flooding now by the shared rule, with their alerts
 * in the window. It counts every alert raised in the last window, whatever its state now: an
 * acknowledged, cleared or shelved alert was still part of the flood, as it is for the live rule
 * and the report. First from the history of the window, then from 'alerts.changed'.
 */
export function useFloodingGroups(): ReadonlyMap<FloodGroup, number> {
  // The screen's clock moves the window on, so a flood ends here without a change sent.
  const now = useNow(15_000);
  const initial = useLoad(
    () =>
      api.call('alerts.list', {
        view: 'history',
        from: new Date(Date.now() - FLOOD_WINDOW_MS).toISOString(),
        limit: 500,
      }),
    'flood window',
  );
  const [live, setLive] = useState<ReadonlyMap<number, Raise>>(new Map());
  useLiveTopic('alerts.changed', (items) => {
    setLive((current) => {
      const next = new Map(current);
      for (const alert of items) next.set(alert.id, raiseOf(alert));
      // Raises the window has passed can never count again.
      const horizon = Date.now() - FLOOD_WINDOW_MS;
      for (const [id, raise] of next) if (raise.raisedMs <= horizon) next.delete(id);
      return next;
    });
  });

  return useMemo(() => {
    const raises = new Map<number, Raise>();
    for (const alert of initial.data?.alerts ?? []) raises.set(alert.id, raiseOf(alert));
    for (const [id, raise] of live) raises.set(id, raise);
    return floodingOnScreen(raises.values(), now);
  }, [initial.data, live, now]);
}
