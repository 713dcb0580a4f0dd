import { z } from 'zod';
import { Identifier, IsoTime } from './common-schemas';

// Test results, spec limits and yield.

export const Verdict = z.enum(['PASS', 'FAIL', 'NO_SPEC']);
export type Verdict = z.infer<typeof Verdict>;

/** Product and test step names as test stations send them. */
export const ProductName = z.string().min(1).max(64);

/** One version of the spec limits of a product's test step; a side may be open (null). */
export const SpecVersion = z.object({
  id: z.number().int(),
  productId: z.string(),
  testStep: z.string(),
  version: z.number().int(),
  /** The line these limits judge; null for plant-wide limits (a line's own version wins). */
  lineId: z.string().nullable(),
  lower: z.number().nullable(),
  upper: z.number().nullable(),
  validFrom: IsoTime,
  createdAt: IsoTime,
  /** Who saved it; null for readers who may not change limits (operators). */
  createdBy: z.string().nullable(),
});
export type SpecVersion = z.infer<typeof SpecVersion>;

export const NewSpec = z
  .object({
    productId: ProductName,
    testStep: ProductName,
    /** Limits for one line (its engineers may set them); absent or null: plant-wide (admins). */
    lineId: Identifier.nullable().optional(),
    lower: z.number().finite().nullable(),
    upper: z.number().finite().nullable(),
    /** From when the limits judge results; default now. Past verdicts are never rewritten. */
    validFrom: IsoTime.optional(),
  })
  .refine((spec) => spec.lower !== null || spec.upper !== null, {
    message: 'at least one limit is needed',
    path: ['lower'],
  })
  .refine((spec) => spec.lower === null || spec.upper === null || spec.lower <= spec.upper, {
    message: 'must not be above the upper limit',
    path: ['lower'],
  });
export type NewSpec = z.infer<typeof NewSpec>;

export const SpecPreview = z.object({
  /** Which results the proposal would judge, in words ("line L-1", "plant-wide: …"). */
  appliesTo: z.string(),
  /** Results left out because their line has its own limits in force (plant-wide proposals). */
  keptByLineLimits: z.number().int(),
  checked: z.number().int(),
  unchanged: z.number().int(),
  passToFail: z.number().int(),
  failToPass: z.number().int(),
  noSpecToJudged: z.number().int(),
  examples: z.array(
    z.object({
      resultId: z.number().int(),
      barcode: z.string(),
      measuredValue: z.number(),
      at: IsoTime,
      before: Verdict,
      after: Verdict,
    }),
  ),
});
export type SpecPreview = z.infer<typeof SpecPreview>;

export const TestResult = z.object({
  id: z.number().int(),
  lineId: z.string(),
  machineId: z.string(),
  barcode: z.string(),
  productId: z.string(),
  testStep: z.string(),
  measuredValue: z.number(),
  unit: z.string().nullable(),
  operator: z.string().nullable(),
  at: IsoTime,
  verdict: Verdict,
  specVersion: z.number().int().nullable(),
  attempt: z.number().int(),
});
export type TestResult = z.infer<typeof TestResult>;

export const ResultQuery = z.object({
  lineId: Identifier.optional(),
  machineId: Identifier.optional(),
  productId: ProductName.optional(),
  testStep: ProductName.optional(),
  verdict: Verdict.optional(),
  barcode: z.string().max(128).optional(),
  /** Results stamped at or after this time (the machine's timestamp). */
  from: IsoTime.optional(),
  /** Results stamped before this time. */
  to: IsoTime.optional(),
  beforeId: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});
export type ResultQuery = z.infer<typeof ResultQuery>;

/** Yield of one product's test step: first-pass yield counts first attempts only. */
export const YieldRow = z.object({
  productId: z.string(),
  testStep: z.string(),
  results: z.number().int(),
  units: z.number().int(),
  firstPassTested: z.number().int(),
  firstPassGood: z.number().int(),
  /** first-pass good / first-pass tested (NO_SPEC results are not judged, so not counted). */
  firstPassYield: z.number().nullable(),
  /** Units whose latest attempt passed / units judged. */
  finalYield: z.number().nullable(),
  noSpec: z.number().int(),
});
export type YieldRow = z.infer<typeof YieldRow>;
