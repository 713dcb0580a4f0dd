import type { AppliedLimitTemplate, LimitTemplate, TemplateLimit } from '../../../shared/contract';
import type { StoreContext } from './context';
import type { Actor } from './types';

/** Alarm limit templates (the rules are in limit-templates-store.ts). */
export function limitTemplatesOps(ctx: StoreContext) {
  return {
    listLimitTemplates(): LimitTemplate[] {
      return ctx.limitTemplates.list();
    },

    saveLimitTemplate(
      input: { name: string; autoApply: boolean; limits: TemplateLimit[] },
      actor: Actor,
      nowMs: number,
    ): LimitTemplate {
      return ctx.tx(() => ctx.limitTemplates.save(input, actor.username, nowMs, actor.station));
    },

    machinesOfLine(lineId: string): string[] {
      return ctx.limitTemplates.machinesOfLine(lineId);
    },

    applyLimitTemplate(
      name: string,
      machineIds: string[],
      actor: Actor,
      nowMs: number,
    ): AppliedLimitTemplate {
      return ctx.tx(() =>
        ctx.limitTemplates.apply(name, machineIds, actor.username, nowMs, actor.station),
      );
    },
  };
}
