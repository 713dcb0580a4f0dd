import { z } from 'zod';
import { defineMethod } from './define';
import {
  Alert,
  AlertQuery,
  AlertReason,
  Threshold,
  ThresholdInput,
  IsoTime,
  Identifier,
} from './schemas';
import { AlertId } from './method-parts';
import { MAX_SHELVE_MINUTES, MAX_SHELVE_TEXT } from '../rules/shelving';

/** Alerts (ISA-18.2) and alarm limits. */
export const alertMethods = {
  'alerts.list': defineMethod({
    summary:
      'Active alerts by priority and age, shelved ones, or the history with filters; scoped.',
    input: AlertQuery,
    output: z.object({ alerts: z.array(Alert), hasMore: z.boolean() }),
    permission: 'plant.view',
    scope: { kind: 'filtered' },
    http: { verb: 'GET', path: '/alerts' },
    example: { view: 'active', limit: 10 },
  }),
  'alerts.acknowledge': defineMethod({
    summary: 'Acknowledges an alert; a returned one is cleared by it.',
    input: AlertId.extend({ comment: z.string().trim().max(500).optional() }),
    output: Alert,
    permission: 'alerts.acknowledge',
    scope: { kind: 'filtered' },
    http: { verb: 'POST', path: '/alerts/:id/acknowledge' },
    example: { id: 999999 },
  }),
  'alerts.shelve': defineMethod({
    summary: `Hides an open alert until a time (at most ${MAX_SHELVE_TEXT}); it comes back by itself.`,
    input: AlertId.extend({
      reason: AlertReason,
      until: IsoTime.optional(),
      minutes: z.number().int().min(1).max(MAX_SHELVE_MINUTES).optional(),
    }).refine((input) => (input.until === undefined) !== (input.minutes === undefined), {
      message: 'give either until or minutes',
      path: ['minutes'],
    }),
    output: Alert,
    permission: 'alerts.manage',
    scope: { kind: 'filtered' },
    http: { verb: 'POST', path: '/alerts/:id/shelve' },
    example: { id: 999999, reason: 'sensor being replaced', minutes: 60 },
  }),
  'alerts.unshelve': defineMethod({
    summary: 'Brings a shelved alert back before its shelving expires.',
    input: AlertId,
    output: Alert,
    permission: 'alerts.manage',
    scope: { kind: 'filtered' },
    http: { verb: 'POST', path: '/alerts/:id/unshelve' },
    example: { id: 999999 },
  }),
  'alerts.resolve': defineMethod({
    summary: 'Clears an open alert by hand, with the reason.',
    input: AlertId.extend({ reason: AlertReason }),
    output: Alert,
    permission: 'alerts.manage',
    scope: { kind: 'filtered' },
    http: { verb: 'POST', path: '/alerts/:id/resolve' },
    example: { id: 999999, reason: 'handled on the floor' },
  }),
  'alerts.setOutOfService': defineMethod({
    summary:
      "Takes the alert's condition out of service (hidden, still tracked) or back into service.",
    input: AlertId.extend({ outOfService: z.boolean(), reason: AlertReason }),
    output: Alert,
    permission: 'alerts.manage',
    scope: { kind: 'filtered' },
    http: { verb: 'PUT', path: '/alerts/:id/out-of-service' },
    example: { id: 999999, outOfService: true, reason: 'sensor removed for calibration' },
  }),
  'thresholds.list': defineMethod({
    summary: 'Alarm limits of the machines the caller may see.',
    input: z.object({ lineId: Identifier.optional(), machineId: Identifier.optional() }),
    output: z.array(Threshold),
    permission: 'plant.view',
    scope: { kind: 'filtered' },
    http: { verb: 'GET', path: '/thresholds' },
    example: {},
  }),
  'thresholds.save': defineMethod({
    summary:
      'Sets the alarm limits, deadband and on-delay of a machine metric; all limits null removes them.',
    input: ThresholdInput,
    output: Threshold,
    permission: 'thresholds.manage',
    scope: { kind: 'machine', field: 'machineId' },
    http: { verb: 'PUT', path: '/machines/:machineId/thresholds/:metric' },
    example: { machineId: 'M-1', metric: 'temperature', high: 90, deadband: 2, onDelayS: 5 },
  }),
};
