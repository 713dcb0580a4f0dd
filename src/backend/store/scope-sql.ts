/**
 * The SQL condition that keeps rows of the named machines or lines (`names` null: no filter,
 * every row). A plain `column IN (…)` for named ones, which SQLite reads through that
 * column's index; `@all OR column IN (…)` in one statement hid the index from the planner, so
 * a call for one machine read every machine's rows (see result-counts.ts). The list is bound
 * as JSON under `param`. The two forms are two statements: prepare per form, not per call.
 */
export function inScope(
  column: string,
  names: readonly string[] | null,
  param = 'machines',
): string {
  return names === null ? '1' : `${column} IN (SELECT value FROM json_each(@${param}))`;
}
