/**
 * The message protocol between the backend and the store process. The same messages travel
 * over Electron's utilityProcess port and over Node's child_process IPC channel.
 */

/** STORAGE_FULL: the disk is full (SQLITE_FULL); the write was rolled back and may be retried. */
export type StoreErrorCode =
  'NOT_FOUND' | 'CONFLICT' | 'INVALID_INPUT' | 'INTERNAL' | 'STORAGE_FULL';

/** A refusal the store can explain (a rule, a missing row); anything else is INTERNAL. */
export class StoreError extends Error {
  constructor(
    public readonly code: StoreErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'StoreError';
  }
}

export interface OpenRequest {
  kind: 'open';
  databasePath: string;
  migrationsDir: string;
  /** Tests only (see PageLimitFile): a file holding the connection's max_page_count. */
  pageLimitFile?: string;
}

export interface CallRequest {
  kind: 'call';
  id: number;
  op: string;
  args: unknown[];
  /** The caller's "now" (the backend's injected clock): the store's time for this call. */
  nowMs?: number;
}

export type ToStore = OpenRequest | CallRequest;

export type FromStore =
  | {
      kind: 'ready';
      migratedFrom: number;
      migratedTo: number;
      /** Set when a damaged database was moved aside and a fresh one created. */
      recovery: { movedTo: string; reason: string } | null;
    }
  | { kind: 'fatal'; message: string }
  | { kind: 'result'; id: number; value: unknown }
  | { kind: 'failure'; id: number; code: StoreErrorCode; message: string }
  | { kind: 'notice'; topic: string; payload: unknown };
