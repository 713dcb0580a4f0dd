import { Identifier } from '../../../shared/contract';

/** "L-1, L-2 ,L-3" → ['L-1', 'L-2', 'L-3'], without blanks or duplicates. */
export function parseIdentifierList(text: string): string[] {
  const items = text
    .split(/[,\s]+/)
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
  return [...new Set(items)];
}

export function formatIdentifierList(items: readonly string[]): string {
  return items.join(', ');
}

/** The identifiers the contract would refuse, so the form can say so before sending. */
export function invalidIdentifiers(items: readonly string[]): string[] {
  return items.filter((item) => !Identifier.safeParse(item).success);
}
