import {
  type JsonObject,
  checkMachineId,
  fieldOf,
  readNumber,
  readOptionalString,
  readString,
} from './fields';
import { MAX_BARCODE_LENGTH, MAX_ID_LENGTH, MAX_NAME_LENGTH, MAX_UNIT_LENGTH } from './limits';
import type { ParsedTestResult } from './parsed-message';
import { readTimestamp } from './timestamp';
import type { FactoryTopic } from './topic';

export function parseTestResult(topic: FactoryTopic, body: JsonObject): ParsedTestResult {
  checkMachineId(body, topic.machineId, true);
  const result: ParsedTestResult = {
    kind: 'test',
    lineId: topic.lineId,
    machineId: topic.machineId,
    barcode: readString(body, 'barcode', MAX_BARCODE_LENGTH),
    productId: readString(body, 'product_id', MAX_NAME_LENGTH),
    testStep: readString(body, 'test_step', MAX_NAME_LENGTH),
    measuredValue: readNumber(body, 'measured_value'),
    timestampMs: readTimestamp(fieldOf(body, 'timestamp'), 'timestamp'),
  };
  // Optional fields are set only when present, so `'unit' in result` means the machine sent one.
  const unit = readOptionalString(body, 'unit', MAX_UNIT_LENGTH);
  if (unit !== undefined) result.unit = unit;
  const operator = readOptionalString(body, 'operator', MAX_NAME_LENGTH);
  if (operator !== undefined) result.operator = operator;
  const messageId = readOptionalString(body, 'message_id', MAX_ID_LENGTH);
  if (messageId !== undefined) result.messageId = messageId;
  return result;
}
