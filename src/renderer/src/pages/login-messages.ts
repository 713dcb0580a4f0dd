import type { ApiErrorBody } from '../../../shared/contract';
import { findIsoTime, formatUntil } from '../lib/time';

/** What the login screen says for each refusal: plain words, and when a lock ends. */
export function loginFailureText(error: ApiErrorBody): string {
  switch (error.code) {
    case 'UNAUTHENTICATED':
      return 'Wrong username or password. After five wrong passwords the account is locked.';
    case 'ACCOUNT_LOCKED': {
      const until = findIsoTime(error.message);
      const when = until ? ` until ${formatUntil(until)}` : '';
      return `This account is locked${when} after too many wrong passwords. Try again later, or ask an administrator to unlock it.`;
    }
    case 'RATE_LIMITED':
      return 'Too many attempts from this computer. Wait a minute and try again.';
    case 'FORBIDDEN':
      return 'This account is disabled. Ask an administrator.';
    default:
      return error.message;
  }
}

/** What the lock screen says when the password is refused. */
export function unlockFailureText(error: ApiErrorBody): string | undefined {
  if (error.code === 'INVALID_INPUT') {
    return 'Wrong password. After five wrong passwords the account is locked and you are logged out.';
  }
  return undefined;
}
