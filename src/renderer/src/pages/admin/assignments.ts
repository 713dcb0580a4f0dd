import type { Assignments, Role, User } from '../../../../shared/contract';
import { assignmentKindOf } from '../../../../shared/rules/scope';
import { formatIdentifierList, parseIdentifierList } from '../../lib/identifiers';

/** The assignments to send for a role: only the kind that role uses. */
export function assignmentsFor(role: Role, text: string): Assignments {
  const items = parseIdentifierList(text);
  const kind = assignmentKindOf(role);
  return {
    lines: kind === 'lines' ? items : [],
    machines: kind === 'machines' ? items : [],
  };
}

/** The editable text for an account's assignments, for its current role. */
export function assignmentText(user: User): string {
  const kind = assignmentKindOf(user.role);
  return kind === null ? '' : formatIdentifierList(user.assignments[kind]);
}
