import { z } from 'zod';
import { defineMethod } from './define';
import { DisplayName, Identifier, IsoTime, limitsInOrder, MetricLimits } from './schemas';

/**
 * Alarm limit templates: a named set of limits per metric that engineers apply to their lines
 * (or many machines at once) and admins anywhere. Templates marked `autoApply` are applied to a
 * machine when ingest or a simulator run first registers it; the plant ships one such set
 * ("Simulator defaults"), which an admin may change or switch off.
 */

/** One metric's limits in a template: the machine-independent part of a threshold. */
export const TemplateLimit = MetricLimits.refine((t) => (limitsInOrder(t)?.length ?? 0) > 0, {
  message: 'give at least one limit, ordered lowLow ≤ low ≤ high ≤ highHigh',
  path: ['high'],
});
export type TemplateLimit = z.output<typeof TemplateLimit>;

export const LimitTemplate = z.object({
  name: DisplayName,
  /** Applied to every machine when it first appears (ingest or a simulator run). */
  autoApply: z.boolean(),
  limits: z.array(TemplateLimit),
  updatedAt: IsoTime,
  updatedBy: z.string(),
});
export type LimitTemplate = z.infer<typeof LimitTemplate>;

export const LimitTemplateInput = z
  .object({
    name: DisplayName,
    autoApply: z.boolean().default(false),
    limits: z.array(TemplateLimit).min(1, 'give the limits of at least one metric').max(50),
  })
  .refine((t) => new Set(t.limits.map((limit) => limit.metric)).size === t.limits.length, {
    message: 'each metric at most once',
    path: ['limits'],
  });
export type LimitTemplateInput = z.input<typeof LimitTemplateInput>;

/** Where a template goes: one line, or some machines (at most 500 at once). */
export const ApplyLimitTemplate = z
  .object({
    name: DisplayName,
    lineId: Identifier.optional(),
    machineIds: z.array(Identifier).max(500).optional(),
  })
  .refine((t) => (t.lineId === undefined) !== (t.machineIds === undefined), {
    message: 'give either lineId or machineIds',
    path: ['lineId'],
  })
  .refine((t) => t.machineIds === undefined || t.machineIds.length > 0, {
    message: 'choose at least one machine',
    path: ['machineIds'],
  });
export type ApplyLimitTemplate = z.input<typeof ApplyLimitTemplate>;

export const AppliedLimitTemplate = z.object({
  name: z.string(),
  /** The machines whose limits were set, in order. */
  machineIds: z.array(z.string()),
  metrics: z.array(z.string()),
});
export type AppliedLimitTemplate = z.infer<typeof AppliedLimitTemplate>;

export const alarmLimitMethods = {
  'limitTemplates.list': defineMethod({
    summary: 'Alarm limit templates (the default set included), with their limits per metric.',
    input: z.object({}),
    output: z.array(LimitTemplate),
    permission: 'thresholds.manage',
    scope: { kind: 'none' },
    http: { verb: 'GET', path: '/limit-templates' },
    example: {},
  }),
  'limitTemplates.save': defineMethod({
    summary:
      'Creates or replaces an alarm limit template; autoApply applies it to machines when they first appear (false switches a default set off).',
    input: LimitTemplateInput,
    output: LimitTemplate,
    permission: 'settings.manage',
    scope: { kind: 'none' },
    http: { verb: 'PUT', path: '/limit-templates' },
    example: { name: 'Example limits', limits: [{ metric: 'temperature', high: 90 }] },
  }),
  'limitTemplates.apply': defineMethod({
    summary:
      "Sets a template's limits on every machine of a line, or on the machines named; each must be in the caller's scope.",
    input: ApplyLimitTemplate,
    output: AppliedLimitTemplate,
    permission: 'thresholds.manage',
    // The handler checks the line or every machine against the caller's scope.
    scope: { kind: 'filtered' },
    http: { verb: 'POST', path: '/limit-templates/apply' },
    example: { name: 'Simulator defaults', lineId: 'L-1' },
  }),
};
