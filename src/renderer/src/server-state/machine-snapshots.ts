import type { MachineSnapshot } from '../../../shared/contract';
import { api } from '../api/client';
import { liveList } from './live-list';

/**
 * Every machine the caller may see, latest snapshot each: loaded with 'machines.overview',
 * then kept by 'machines.snapshot' (see server-state.ts). One list, no filter.
 */
export const machineSnapshots = liveList<MachineSnapshot>({
  root: ['machines', 'snapshots'],
  load: () => api.call('machines.overview', {}),
  idOf: (snapshot) => snapshot.machineId,
  belongs: () => true,
});
