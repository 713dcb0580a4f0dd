import { z } from 'zod';
import { Identifier, IsoTime } from './common-schemas';

/** What is still open when a shift hands a line over. */
export const HandoverItemKind = z.enum([
  'alarm_unacknowledged',
  'alarm_shelved',
  'machine_down',
  'maintenance_overdue',
]);
export type HandoverItemKind = z.infer<typeof HandoverItemKind>;

export const HandoverItem = z.object({
  kind: HandoverItemKind,
  /** The machine it concerns; null for a line-wide item (a line alarm). */
  machineId: z.string().nullable(),
  /** One line of text, as the operator reads it ("high: temperature of M-1 is above …"). */
  text: z.string(),
  /** Since when it has been open, where that is known. */
  since: IsoTime.nullable(),
});
export type HandoverItem = z.infer<typeof HandoverItem>;

export const ShiftOnCalendar = z.object({
  name: z.string(),
  startAt: IsoTime,
  endAt: IsoTime,
  /** The plant date the shift started on. */
  plantDate: z.string(),
});
export type ShiftOnCalendar = z.infer<typeof ShiftOnCalendar>;

/** One shift's handover of one line: what was open, the outgoing notes, the incoming sign-off. */
export const Handover = z.object({
  id: z.number().int(),
  lineId: z.string(),
  shift: ShiftOnCalendar,
  /** What was open when it was written, as its writer could see it. */
  openItems: z.array(HandoverItem),
  notes: z.string(),
  handedOverBy: z.string(),
  handedOverAt: IsoTime,
  handedOverStation: z.string().nullable(),
  signedOffBy: z.string().nullable(),
  signedOffAt: IsoTime.nullable(),
  signOffNote: z.string().nullable(),
});
export type Handover = z.infer<typeof Handover>;

export const HandoverNotes = z.string().trim().max(4_000);

export const HandoverDraftQuery = z.object({ lineId: Identifier });

/** What the outgoing operator sees before writing: the shift, what is open now, pending ones. */
export const HandoverDraft = z.object({
  lineId: z.string(),
  /** The shift running now; null when the plant has no shift plan. */
  shift: ShiftOnCalendar.nullable(),
  openItems: z.array(HandoverItem),
});
export type HandoverDraft = z.infer<typeof HandoverDraft>;
