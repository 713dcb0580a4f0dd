import { z } from 'zod';
import { defineMethod } from './define';
import {
  NewSpec,
  ProductName,
  ResultQuery,
  SpecPreview,
  SpecVersion,
  TestResult,
  YieldRow,
  IsoTime,
  Identifier,
} from './schemas';
import { none } from './method-parts';

/** Quality: results, yield and spec limits. */
export const qualityMethods = {
  'results.list': defineMethod({
    summary: 'Test results, newest first, with filters; limited to what the caller may see.',
    input: ResultQuery,
    output: z.object({ results: z.array(TestResult), hasMore: z.boolean() }),
    permission: 'plant.view',
    scope: { kind: 'filtered' },
    http: { verb: 'GET', path: '/results' },
    example: { limit: 10 },
  }),
  'results.yield': defineMethod({
    summary: 'First-pass and final yield per product and test step over a time range.',
    input: z.object({
      from: IsoTime,
      to: IsoTime,
      lineId: Identifier.optional(),
      machineId: Identifier.optional(),
    }),
    output: z.array(YieldRow),
    permission: 'plant.view',
    scope: { kind: 'filtered' },
    http: { verb: 'GET', path: '/results/yield' },
    example: { from: '2026-11-22T00:00:00Z', to: '2026-11-23T00:00:00Z' },
  }),
  'specs.list': defineMethod({
    summary: 'Every version of the spec limits, newest first: plant-wide and the lines in scope.',
    input: z.object({
      productId: ProductName.optional(),
      testStep: ProductName.optional(),
      lineId: Identifier.optional(),
    }),
    output: z.array(SpecVersion),
    permission: 'plant.view',
    scope: none,
    http: { verb: 'GET', path: '/specs' },
    example: {},
  }),
  'specs.save': defineMethod({
    summary:
      'Adds a version of the limits of a product test step, plant-wide (admins) or for a line (its engineers); past verdicts stay.',
    input: NewSpec,
    output: SpecVersion,
    permission: 'specs.manage',
    scope: none,
    http: { verb: 'POST', path: '/specs' },
    example: { productId: 'PROD-A', testStep: 'voltage_test', lineId: 'L-1', lower: 80, upper: 90 },
  }),
  'specs.preview': defineMethod({
    summary: 'What proposed limits would have judged differently on recent results in scope.',
    input: z.object({
      productId: ProductName,
      testStep: ProductName,
      /** Limits proposed for this line; absent: plant-wide limits. */
      lineId: Identifier.optional(),
      lower: z.number().finite().nullable(),
      upper: z.number().finite().nullable(),
      hours: z.coerce
        .number()
        .int()
        .min(1)
        .max(24 * 90)
        .default(24),
    }),
    output: SpecPreview,
    permission: 'specs.manage',
    scope: none,
    http: { verb: 'POST', path: '/specs/preview' },
    example: { productId: 'PROD-A', testStep: 'voltage_test', lower: 81, upper: 89 },
  }),
};
