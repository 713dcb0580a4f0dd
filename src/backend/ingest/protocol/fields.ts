import { ProtocolRefusal, describeJsonType, quote } from './refusal';

export type JsonObject = Record<string, unknown>;

/**
 * C0/C1 controls, line and paragraph separators, bidirectional overrides (which can make a
 * barcode display as another), and UTF-16 surrogates without their pair (JSON's `\ud800`).
 * No `u` flag on purpose: the lone-surrogate part must see code units.
 */
const UNSAFE_CHARACTER =
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Own properties only: a payload without `constructor` must not read Object.prototype's. */
export function fieldOf(object: JsonObject, name: string): unknown {
  return Object.hasOwn(object, name) ? object[name] : undefined;
}

/** Null counts as absent for optional fields: many producers write `null` for "not set". */
function isAbsent(value: unknown): value is null | undefined {
  return value === undefined || value === null;
}

export function readString(object: JsonObject, name: string, maxLength: number): string {
  const value = fieldOf(object, name);
  if (value === undefined) throw new ProtocolRefusal(name, 'missing');
  return checkString(value, name, maxLength);
}

export function readOptionalString(
  object: JsonObject,
  name: string,
  maxLength: number,
): string | undefined {
  const value = fieldOf(object, name);
  return isAbsent(value) ? undefined : checkString(value, name, maxLength);
}

function checkString(value: unknown, name: string, maxLength: number): string {
  if (typeof value !== 'string') {
    throw new ProtocolRefusal(name, `expected a string, got ${describeJsonType(value)}`);
  }
  if (value.length === 0) throw new ProtocolRefusal(name, 'must not be empty');
  if (value.length > maxLength) {
    throw new ProtocolRefusal(name, `${value.length} characters is over the limit of ${maxLength}`);
  }
  if (UNSAFE_CHARACTER.test(value)) {
    throw new ProtocolRefusal(name, `${quote(value)} contains a control or invisible character`);
  }
  return value;
}

export function readNumber(object: JsonObject, name: string): number {
  const value = fieldOf(object, name);
  if (value === undefined) throw new ProtocolRefusal(name, 'missing');
  return checkFiniteNumber(value, name);
}

export function readOptionalNumber(object: JsonObject, name: string): number | undefined {
  const value = fieldOf(object, name);
  return isAbsent(value) ? undefined : checkFiniteNumber(value, name);
}

/** JSON has no NaN or Infinity, but `1e999` parses to Infinity. */
export function checkFiniteNumber(value: unknown, name: string): number {
  if (typeof value !== 'number') {
    throw new ProtocolRefusal(name, `expected a number, got ${describeJsonType(value)}`);
  }
  if (!Number.isFinite(value)) throw new ProtocolRefusal(name, 'not a finite number');
  return value;
}

/** A running counter: a whole number from 0 up to 2^53 - 1. */
export function readOptionalCounter(object: JsonObject, name: string): number | undefined {
  const value = readOptionalNumber(object, name);
  if (value === undefined) return undefined;
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new ProtocolRefusal(name, `expected a whole number >= 0, got ${value}`);
  }
  return value;
}

export function readBoolean(object: JsonObject, name: string): boolean {
  const value = fieldOf(object, name);
  if (value === undefined) throw new ProtocolRefusal(name, 'missing');
  if (typeof value !== 'boolean') {
    throw new ProtocolRefusal(name, `expected true or false, got ${describeJsonType(value)}`);
  }
  return value;
}

/**
 * `machine_id` must name the topic's machine. `required` is true for test results, which the
 * contract says carry it; other kinds may omit it, but must not contradict the topic.
 */
export function checkMachineId(
  object: JsonObject,
  topicMachineId: string,
  required: boolean,
): void {
  const value = fieldOf(object, 'machine_id');
  if (value === undefined && !required) return;
  if (value === undefined) throw new ProtocolRefusal('machine_id', 'missing');
  if (typeof value !== 'string') {
    throw new ProtocolRefusal('machine_id', `expected a string, got ${describeJsonType(value)}`);
  }
  if (value !== topicMachineId) {
    throw new ProtocolRefusal(
      'machine_id',
      `${quote(value)} differs from the topic's machine ${quote(topicMachineId)}`,
    );
  }
}
