import { z } from 'zod';
import { defineMethod } from './define';
import {
  BrokerConfig,
  BrokerConfigView,
  DeadLetter,
  DeadLetterQuery,
  DeadLetterReason,
  MAX_EDITED_PAYLOAD_CHARS,
  TestResult,
  IngestStatusView,
  Identifier,
} from './schemas';
import { none } from './method-parts';

/** Ingest: its status, the broker, submitted messages and dead letters. */
export const ingestMethods = {
  'ingest.status': defineMethod({
    summary: 'The broker connection state and the ingest counters (not for operators).',
    input: z.object({}),
    output: IngestStatusView,
    permission: 'plant.view',
    scope: none,
    http: { verb: 'GET', path: '/ingest/status' },
    example: {},
  }),
  'broker.get': defineMethod({
    summary: 'The broker Linewatch reads from, as configured (the password is never returned).',
    input: z.object({}),
    output: BrokerConfigView,
    permission: 'settings.manage',
    scope: none,
    http: { verb: 'GET', path: '/broker' },
    example: {},
  }),
  'broker.save': defineMethod({
    summary: 'Points Linewatch at another broker (or the embedded one) and reconnects.',
    input: BrokerConfig,
    output: BrokerConfigView,
    permission: 'settings.manage',
    scope: none,
    http: { verb: 'PUT', path: '/broker' },
    example: { url: '' },
  }),
  'broker.test': defineMethod({
    summary: 'Tries to connect to a broker (5 s at most) without changing anything.',
    input: BrokerConfig,
    output: z.object({ ok: z.boolean(), message: z.string() }),
    permission: 'settings.manage',
    scope: none,
    http: { verb: 'POST', path: '/broker/test' },
    example: { url: 'mqtt://127.0.0.1:9' },
  }),
  'ingest.submit': defineMethod({
    summary:
      'Feeds one test result (the protocol payload) through the same pipeline as the broker; a refusal is dead-lettered and answered with its reason.',
    input: z.object({ lineId: Identifier, payload: z.record(z.string(), z.unknown()) }),
    output: z.object({ outcome: z.enum(['stored', 'duplicate']), result: TestResult.nullable() }),
    permission: 'ingest.submit',
    scope: { kind: 'line', field: 'lineId' },
    http: { verb: 'POST', path: '/ingest' },
    example: {
      lineId: 'L-1',
      payload: {
        barcode: 'SN-EX',
        machine_id: 'M-1',
        product_id: 'P',
        test_step: 's',
        measured_value: 1,
        timestamp: '2026-11-22T10:00:00Z',
      },
    },
  }),
  'deadLetters.list': defineMethod({
    summary: "Refused messages with their reasons, newest first, limited to the caller's lines.",
    input: DeadLetterQuery,
    output: z.object({ deadLetters: z.array(DeadLetter), hasMore: z.boolean() }),
    permission: 'deadletters.view',
    scope: { kind: 'filtered' },
    http: { verb: 'GET', path: '/dead-letters' },
    example: { limit: 10 },
  }),

  'deadLetters.reasons': defineMethod({
    summary:
      "Refused messages in the caller's scope grouped by reason, the most recent first (at most 100).",
    input: z.object({}),
    output: z.object({ reasons: z.array(DeadLetterReason) }),
    permission: 'deadletters.view',
    scope: { kind: 'filtered' },
    http: { verb: 'GET', path: '/dead-letters/reasons' },
    example: {},
  }),

  'deadLetters.replay': defineMethod({
    summary:
      'Runs a refused message through validation again (after a fix such as a new machine line), optionally with a corrected payload; the edit is kept in the event log.',
    input: z.object({
      id: z.coerce.number().int().positive(),
      /** A corrected payload (the same topic); absent: the payload as it was received. */
      payload: z.string().min(1).max(MAX_EDITED_PAYLOAD_CHARS).optional(),
    }),
    output: z.object({
      outcome: z.enum(['stored', 'duplicate', 'refused', 'truncated']),
      reason: z.string(),
    }),
    permission: 'deadletters.replay',
    scope: { kind: 'filtered' },
    http: { verb: 'POST', path: '/dead-letters/:id/replay' },
    example: { id: 999999 },
  }),
};
