import type { ApiErrorBody, ErrorCode } from '../../shared/contract';
import { StoreError } from '../store/rpc';
import { StoreUnavailableError } from '../store/store-client';

/** A refusal with a contract error code; the dispatcher turns it into the error body. */
export class ApiFailure extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues?: ApiErrorBody['issues'],
    /** With RATE_LIMITED: when to come back. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'ApiFailure';
  }
}

/** Maps anything thrown by a handler to the body a client gets; internals are not leaked. */
export function toErrorBody(error: unknown, log: (line: string) => void): ApiErrorBody {
  if (error instanceof ApiFailure) {
    return {
      code: error.code,
      message: error.message,
      ...(error.issues ? { issues: error.issues } : {}),
      ...(error.retryAfterSeconds ? { retryAfterSeconds: error.retryAfterSeconds } : {}),
    };
  }
  // The store is restarting: a clear "try again", never an auth error that logs people out.
  if (error instanceof StoreUnavailableError) {
    return { code: 'UNAVAILABLE', message: error.message };
  }
  // A full disk is the backend's trouble, not the caller's: it stays INTERNAL (and raises an alert).
  if (error instanceof StoreError && error.code !== 'INTERNAL' && error.code !== 'STORAGE_FULL') {
    return { code: error.code, message: error.message };
  }
  log(`internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  return { code: 'INTERNAL', message: 'Something went wrong in the backend; it has been logged' };
}
