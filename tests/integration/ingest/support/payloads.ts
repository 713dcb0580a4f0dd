/** Test results as a test station sends them, numbered so every one is distinct. */
export interface TestResultSpec {
  prefix: string;
  index: number;
  lineId?: string;
  machineCount?: number;
  /** Digits of the barcode's serial (6 unless told): fixed width, as a plant's serials are. */
  barcodeDigits?: number;
  /** The result's time (epoch ms); a fixed base plus `index` ms unless told. */
  timestampMs?: number;
  /** The topic's first level ('factory' unless told; a bench's reference subscriber uses another). */
  topicRoot?: string;
}

const BASE_MS = Date.UTC(2026, 10, 22, 10, 0, 0);

export function machineOf(index: number, machineCount = 4): string {
  return `M${String(index % machineCount).padStart(2, '0')}`;
}

export function barcodeOf(prefix: string, index: number, digits = 6): string {
  return `${prefix}-${String(index).padStart(digits, '0')}`;
}

export function testResultMessage({
  prefix,
  index,
  lineId = 'L1',
  machineCount = 4,
  barcodeDigits = 6,
  timestampMs,
  topicRoot = 'factory',
}: TestResultSpec): {
  topic: string;
  payload: Buffer;
} {
  const machineId = machineOf(index, machineCount);
  const body = {
    barcode: barcodeOf(prefix, index, barcodeDigits),
    machine_id: machineId,
    product_id: 'PROD-A',
    test_step: 'voltage_test',
    measured_value: 80 + (index % 100) / 10,
    timestamp: timestampMs ?? BASE_MS + index,
  };
  return {
    topic: `${topicRoot}/${lineId}/${machineId}/test`,
    payload: Buffer.from(JSON.stringify(body)),
  };
}
