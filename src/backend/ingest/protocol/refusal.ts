/**
 * Thrown inside the parser when a message breaks the contract, and turned into a
 * `{ ok: false }` outcome at the top. Throwing keeps each field check a one-liner;
 * the cost of an exception only falls on refused messages.
 */
export class ProtocolRefusal extends Error {
  constructor(
    readonly field: string | null,
    detail: string,
  ) {
    super(field === null ? detail : `${field}: ${detail}`);
    this.name = 'ProtocolRefusal';
  }
}

/** The JSON type of a value, as people say it: `null` and `array` are not `object`. */
export function describeJsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

const QUOTED_VALUE_MAX = 40;

/**
 * A value quoted for a reason. JSON.stringify escapes control characters, and the cut keeps a
 * hostile megabyte string from being copied into every refusal record.
 */
export function quote(value: string): string {
  const shortened =
    value.length > QUOTED_VALUE_MAX ? `${value.slice(0, QUOTED_VALUE_MAX)}...` : value;
  return JSON.stringify(shortened);
}
