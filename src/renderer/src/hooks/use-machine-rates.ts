import { useMemo } from 'react';
import { api } from '../api/client';
import { useLoad } from './use-load';
import { useNow } from './use-now';

export interface MachineRate {
  /** OEE of the last hour (0..1); null when it cannot be computed (no ideal cycle time). */
  oee: number | null;
  /** Units produced in the last hour. */
  unitsPerHour: number;
}

const REFRESH_MS = 60_000;
const HOUR_MS = 3_600_000;

/**
 * OEE and output of every visible machine over the last hour, from 'oee.report', once a
 * minute: both are hourly figures, so a minute's delay is invisible and the backend is spared.
 */
export function useMachineRates(): ReadonlyMap<string, MachineRate> {
  const minute = Math.floor(useNow(REFRESH_MS) / REFRESH_MS);
  const report = useLoad(() => {
    const to = Date.now();
    return api.call('oee.report', {
      from: new Date(to - HOUR_MS).toISOString(),
      to: new Date(to).toISOString(),
      bucket: 'total',
    });
  }, String(minute));
  return useMemo(() => {
    const rates = new Map<string, MachineRate>();
    for (const row of report.data ?? []) {
      if (row.machineId === null) continue;
      rates.set(row.machineId, { oee: row.oee, unitsPerHour: row.units });
    }
    return rates;
  }, [report.data]);
}
