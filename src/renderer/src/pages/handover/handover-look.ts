import type { HandoverItemKind } from '../../../../shared/contract';

/** How each kind of open item is named and ordered: what needs the incoming shift first. */
export const ITEM_KINDS: readonly { kind: HandoverItemKind; title: string; glyph: string }[] = [
  { kind: 'alarm_unacknowledged', title: 'Unacknowledged alarms', glyph: '▲' },
  { kind: 'machine_down', title: 'Machines down', glyph: '■' },
  { kind: 'alarm_shelved', title: 'Shelved alarms', glyph: '⏸' },
  { kind: 'maintenance_overdue', title: 'Overdue maintenance', glyph: '⚙' },
];
