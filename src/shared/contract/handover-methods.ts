import { z } from 'zod';
import { defineMethod } from './define';
import { Handover, HandoverDraft, HandoverDraftQuery, HandoverNotes, Identifier } from './schemas';

/**
 * Shift handover: per line and shift, what is open, the outgoing operator's notes and the
 * incoming operator's sign-off. A handover carries the part of the line its writer could see,
 * and is shown only to those who may see all of that part.
 */
export const handoverMethods = {
  'handover.draft': defineMethod({
    summary: "The shift running now on a line and what is open on it, in the caller's scope.",
    input: HandoverDraftQuery,
    output: HandoverDraft,
    permission: 'handover.write',
    scope: { kind: 'filtered' },
    http: { verb: 'GET', path: '/handovers/draft' },
    example: { lineId: 'LINE-1' },
  }),
  'handover.list': defineMethod({
    summary: 'Handovers the caller may read, newest first; those awaiting a sign-off first.',
    input: z.object({
      lineId: Identifier.optional(),
      limit: z.coerce.number().int().min(1).max(200).default(50),
    }),
    output: z.array(Handover),
    permission: 'handover.write',
    scope: { kind: 'filtered' },
    http: { verb: 'GET', path: '/handovers' },
    example: {},
  }),
  'handover.write': defineMethod({
    summary:
      "Hands a line over at the end of the shift: the open items now, in the writer's scope, with the notes.",
    input: z.object({ lineId: Identifier, notes: HandoverNotes }),
    output: Handover,
    permission: 'handover.write',
    scope: { kind: 'filtered' },
    http: { verb: 'POST', path: '/handovers' },
    example: { lineId: 'LINE-1', notes: 'M-2 jams on the infeed; maintenance is told.' },
  }),
  'handover.signOff': defineMethod({
    summary: 'The incoming operator takes the line over: signs a handover someone else wrote.',
    input: z.object({
      id: z.coerce.number().int().positive(),
      note: z.string().trim().max(1_000).optional(),
    }),
    output: Handover,
    permission: 'handover.write',
    scope: { kind: 'filtered' },
    http: { verb: 'POST', path: '/handovers/:id/sign-off' },
    example: { id: 1 },
  }),
};
