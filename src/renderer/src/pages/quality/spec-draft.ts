import type { SpecVersion } from '../../../../shared/contract';

/** What the spec form holds while it is being filled in: text, as typed. */
export interface SpecDraft {
  productId: string;
  testStep: string;
  /** '' is plant-wide (admins only). */
  lineId: string;
  lower: string;
  upper: string;
  validFrom: string;
}

export const EMPTY_SPEC_DRAFT: SpecDraft = {
  productId: '',
  testStep: '',
  lineId: '',
  lower: '',
  upper: '',
  validFrom: '',
};

/** A blank limit is an open side (null); anything else must be a number. */
export function parseLimit(text: string): number | null | 'invalid' {
  if (text.trim() === '') return null;
  const value = Number(text);
  return Number.isFinite(value) ? value : 'invalid';
}

/**
 * "New version from this one": the same product, step, place and limits, valid from now.
 * An engineer may not write plant-wide limits, so a plant-wide version seeds their own line's.
 */
export function draftFromVersion(spec: SpecVersion, ownLines: readonly string[] | null): SpecDraft {
  const lineId =
    spec.lineId ?? (ownLines === null ? '' : (ownLines.find((line) => line !== '') ?? ''));
  return {
    productId: spec.productId,
    testStep: spec.testStep,
    lineId,
    lower: spec.lower === null ? '' : String(spec.lower),
    upper: spec.upper === null ? '' : String(spec.upper),
    validFrom: '',
  };
}
