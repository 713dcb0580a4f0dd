import { roleHas, type Role } from '../contract/roles';
import type { IngestStatus, IngestStatusView, SpecVersion } from '../contract/schemas';

/**
 * What a role reads of records that are plant-wide but not all of whose fields are for every
 * role. One place, used by the API handlers and the live feed alike.
 */

/** The plant-wide message counters are for roles that handle ingest (dead letters). */
export function ingestStatusFor(role: Role, status: IngestStatus): IngestStatusView {
  return roleHas(role, 'deadletters.view') ? status : { ...status, counters: null };
}

/** Who saved a version of the limits is for those who may change limits. */
export function specVersionFor(role: Role, spec: SpecVersion): SpecVersion {
  return roleHas(role, 'specs.manage') ? spec : { ...spec, createdBy: null };
}
