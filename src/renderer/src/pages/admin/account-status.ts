import type { Role, User } from '../../../../shared/contract';
import { assignmentKindOf } from '../../../../shared/rules/scope';
import { formatUntil } from '../../lib/time';

export const ROLE_OPTIONS: readonly { value: Role; label: string }[] = [
  { value: 'operator', label: 'Operator' },
  { value: 'engineer', label: 'Engineer' },
  { value: 'tester', label: 'Tester' },
  { value: 'admin', label: 'Administrator' },
];

export function roleLabel(role: Role): string {
  return ROLE_OPTIONS.find((option) => option.value === role)?.label ?? role;
}

export function isLockedOut(user: User, now = Date.now()): boolean {
  return user.lockedUntil !== null && Date.parse(user.lockedUntil) > now;
}

export type AccountStatusKind = 'active' | 'disabled' | 'locked';

export function accountStatus(user: User): { kind: AccountStatusKind; text: string } {
  if (user.disabled) return { kind: 'disabled', text: 'Disabled' };
  if (user.lockedUntil && isLockedOut(user)) {
    return { kind: 'locked', text: `Locked until ${formatUntil(user.lockedUntil)}` };
  }
  return { kind: 'active', text: 'Active' };
}

/** Admins see the whole plant; engineers and testers their lines, operators their machines. */
export function assignmentSummary(user: User): string {
  const kind = assignmentKindOf(user.role);
  if (kind === null) return 'Whole plant';
  const items = user.assignments[kind];
  const noun = kind === 'lines' ? 'Lines' : 'Machines';
  return items.length > 0 ? `${noun}: ${items.join(', ')}` : `No ${noun.toLowerCase()} assigned`;
}
