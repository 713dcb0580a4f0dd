import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { toApiErrorBody } from '../lib/errors';
import { machineSnapshots } from '../server-state/machine-snapshots';

/**
 * Every machine the caller may see, latest snapshot each, sorted by line then machine: from
 * the server-state cache, kept by the live feed (server-state/).
 */
export function useMachineSnapshots() {
  const { data, error } = useQuery(machineSnapshots.query(null));
  const machines = useMemo(
    () =>
      [...(data ?? [])].sort(
        (a, b) => a.lineId.localeCompare(b.lineId) || a.machineId.localeCompare(b.machineId),
      ),
    [data],
  );
  return { machines, loaded: data !== undefined, error: error ? toApiErrorBody(error) : null };
}
