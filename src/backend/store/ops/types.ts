import type { Alert, CommandRecord, EventRecord } from '../../../shared/contract';

/** Notices the store sends to the backend after a commit, for live updates and caches. */
export type StoreNotice =
  | { topic: 'event'; payload: EventRecord }
  | { topic: 'accounts.changed'; payload: { userId: number } }
  | { topic: 'sessions.revoked'; payload: { sessionIds: string[] } }
  | { topic: 'plant.changed'; payload: { machineIds: string[] } }
  | { topic: 'command'; payload: CommandRecord }
  | { topic: 'alert'; payload: Alert };

/** What a restore answers: the file put in place, and the copy kept of the one replaced. */
export interface RestoreOutcome {
  restored: string;
  safetyCopy: string;
}

/** Who did it, for the event log. */
export interface Actor {
  username: string;
  /** The operator station the action came from ("CR-2"), named in the event text. */
  station?: string | null;
}

/** How a background process ended, for recordProcessEnd. */
export interface ProcessEnd {
  process: string;
  why: string;
  outcome: 'restarted' | 'failed';
  message: string;
}
