/** A number typed into a form field: blank is "not set" (null), anything else must parse. */
export function parseOptionalNumber(text: string): number | null | 'invalid' {
  if (text.trim() === '') return null;
  const value = Number(text);
  return Number.isFinite(value) ? value : 'invalid';
}

/** A number shown in a form field: null and undefined show as blank. */
export function numberText(value: number | null | undefined): string {
  return value === null || value === undefined ? '' : String(value);
}
