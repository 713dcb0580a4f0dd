import type { MethodInput, TestResult, Verdict } from '../../../../shared/contract';

export interface ResultFilterValues {
  lineId: string;
  machineId: string;
  productId: string;
  testStep: string;
  verdict: Verdict | '';
  barcode: string;
}

export const EMPTY_RESULT_FILTERS: ResultFilterValues = {
  lineId: '',
  machineId: '',
  productId: '',
  testStep: '',
  verdict: '',
  barcode: '',
};

/** Blank fields are left out: the backend treats a present field as a filter. */
export function toResultQuery(
  filters: ResultFilterValues,
  limit: number,
  beforeId?: number,
): MethodInput<'results.list'> {
  const text = (value: string): string | undefined => value.trim() || undefined;
  return {
    lineId: text(filters.lineId),
    machineId: text(filters.machineId),
    productId: text(filters.productId),
    testStep: text(filters.testStep),
    verdict: filters.verdict || undefined,
    barcode: text(filters.barcode),
    beforeId,
    limit,
  };
}

/** The same filters applied to live results, which the topic sends unfiltered. */
export function matchesResultFilters(result: TestResult, filters: ResultFilterValues): boolean {
  const equal = (wanted: string, actual: string): boolean =>
    wanted.trim() === '' || wanted.trim() === actual;
  return (
    equal(filters.lineId, result.lineId) &&
    equal(filters.machineId, result.machineId) &&
    equal(filters.productId, result.productId) &&
    equal(filters.testStep, result.testStep) &&
    equal(filters.barcode, result.barcode) &&
    (filters.verdict === '' || filters.verdict === result.verdict)
  );
}
