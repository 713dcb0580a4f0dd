import type { AuditResult, EventRecord } from '../../../shared/contract';
import type { NewEvent } from '../events-store';
import type { Actor } from './types';
import type { StoreContext } from './context';

/** The event log. */
export function eventsOps(ctx: StoreContext) {
  return {
    appendEvent(event: NewEvent): EventRecord {
      return ctx.tx(() => ctx.events.append(event));
    },

    listEvents: ctx.events.list.bind(ctx.events),

    verifyEvents(actor: Actor): AuditResult {
      const result = ctx.events.verify();
      ctx.tx(() =>
        ctx.events.append({
          type: result.ok ? 'audit.verified' : 'audit.broken',
          actor: actor.username,
          message: result.ok
            ? `Event log verified: ${result.checked} rows chain correctly`
            : `Event log broken at row ${result.firstBrokenId}: ${result.reason}`,
          details: { ...result },
        }),
      );
      return result;
    },
  };
}
