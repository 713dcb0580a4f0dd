/** Small builders for the payloads the example tests publish. */
export const json = (value: unknown): string => JSON.stringify(value);

/** A valid test result for the machine, with fields overridden or added by `extra`. */
export const result = (machineId: string, barcode: string, extra: Record<string, unknown> = {}) =>
  json({
    barcode,
    machine_id: machineId,
    product_id: 'PROD-A',
    test_step: 'voltage_test',
    measured_value: 85.5,
    timestamp: '2026-11-22T10:00:00Z',
    ...extra,
  });
