import type { Alert } from '../../src/shared/contract';

/**
 * An alert for tests: open and unacknowledged, on machine M-1 of line L-1, raised at
 * 2026-01-01 10:00 UTC, with the given id; `changes` set the rest.
 */
export function anAlert(id: number, changes: Partial<Alert> = {}): Alert {
  return {
    id,
    conditionKey: `threshold:M-1:temperature:${id}`,
    source: 'threshold',
    priority: 'high',
    lineId: 'L-1',
    machineId: 'M-1',
    message: `alert ${id}`,
    value: null,
    state: 'active_unacked',
    raisedAt: '2026-01-01T10:00:00.000Z',
    raiseCount: 1,
    returnedAt: null,
    ackedAt: null,
    ackedBy: null,
    clearedAt: null,
    resolvedBy: null,
    resolveReason: null,
    shelvedUntil: null,
    shelvedBy: null,
    shelveReason: null,
    outOfService: false,
    ...changes,
  };
}
