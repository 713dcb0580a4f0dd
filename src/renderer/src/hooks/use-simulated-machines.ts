import { useEffect, useState } from 'react';
import { api } from '../api/client';
import { useSimulated } from '../state/simulated-store';
import { useLiveTopic } from './use-live-topic';
import { useLoad } from './use-load';

/**
 * Keeps the simulated-machine store filled for every page (mounted once, by the app frame):
 * loads the plant list at login and after a resync, and again when a live snapshot names a
 * machine the list did not know (a simulator run has just registered it).
 */
export function useSimulatedMachines(): void {
  const [round, setRound] = useState(0);
  const plant = useLoad(() => api.call('plant.list', {}), `simulated-${round}`);
  const setPlant = useSimulated((state) => state.setPlant);
  useEffect(() => {
    if (plant.data) setPlant(plant.data.machines);
  }, [plant.data, setPlant]);
  useLiveTopic('machines.snapshot', (items) => {
    const { known } = useSimulated.getState();
    if (items.some((snapshot) => !known.has(snapshot.machineId))) setRound((value) => value + 1);
  });
}
