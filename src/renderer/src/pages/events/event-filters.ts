import type { EventRecord, MethodInput } from '../../../../shared/contract';
import { localInputToIso } from '../../lib/time';

/** The filter form as typed; times are <input type="datetime-local"> values (local time). */
export interface EventFilterValues {
  from: string;
  to: string;
  type: string;
  actor: string;
  text: string;
}

export const EMPTY_FILTERS: EventFilterValues = { from: '', to: '', type: '', actor: '', text: '' };

export const PAGE_SIZE = 100;

export function toEventQuery(
  filters: EventFilterValues,
  beforeId?: number,
): MethodInput<'events.list'> {
  const blankToUndefined = (value: string): string | undefined => value.trim() || undefined;
  return {
    from: localInputToIso(filters.from),
    to: localInputToIso(filters.to),
    type: blankToUndefined(filters.type),
    actor: blankToUndefined(filters.actor),
    text: blankToUndefined(filters.text),
    beforeId,
    limit: PAGE_SIZE,
  };
}

/**
 * Whether a live event belongs in the filtered list. Mirrors the server's filter (events
 * store): type by prefix, actor exactly, text anywhere in message, target or details, all
 * ignoring case.
 */
export function matchesFilters(event: EventRecord, filters: EventFilterValues): boolean {
  const query = toEventQuery(filters);
  const at = Date.parse(event.at);
  if (query.from && at < Date.parse(query.from)) return false;
  if (query.to && at > Date.parse(query.to)) return false;
  if (query.type && !event.type.toLowerCase().startsWith(query.type.toLowerCase())) return false;
  if (query.actor && event.actor?.toLowerCase() !== query.actor.toLowerCase()) return false;
  if (query.text) {
    const needle = query.text.toLowerCase();
    const haystack = [event.message, event.target ?? '', JSON.stringify(event.details)];
    if (!haystack.some((text) => text.toLowerCase().includes(needle))) return false;
  }
  return true;
}
