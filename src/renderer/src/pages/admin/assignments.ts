import type { Assignments, Role, User } from '../../../../shared/contract';
import { formatIdentifierList, parseIdentifierList } from '../../lib/identifiers';

/** The assignments to send for a role: only the kind that role uses. */
export function assignmentsFor(role: Role, text: string): Assignments {
  const items = parseIdentifierList(text);
  return {
    lines: role === 'engineer' ? items : [],
    machines: role === 'operator' ? items : [],
  };
}

/** The editable text for an account's assignments, for its current role. */
export function assignmentText(user: User): string {
  if (user.role === 'engineer') return formatIdentifierList(user.assignments.lines);
  if (user.role === 'operator') return formatIdentifierList(user.assignments.machines);
  return '';
}
