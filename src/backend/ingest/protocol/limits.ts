/** Size limits of the factory protocol, in one place so the parser, its tests and its docs agree. */

/** The contract's limit: a larger payload is refused before it is decoded. */
export const MAX_PAYLOAD_BYTES = 256 * 1024;

/** Lengths are counted in UTF-16 code units (JavaScript `length`), which is >= the count of characters. */
export const MAX_BARCODE_LENGTH = 128;
export const MAX_NAME_LENGTH = 64; // product_id, test_step, operator
export const MAX_UNIT_LENGTH = 32;
export const MAX_ID_LENGTH = 128; // message_id, command_id
export const MAX_TEXT_LENGTH = 500; // state reason, command answer message

/** Telemetry may carry extra metrics; a cap stops one sample from creating thousands of series. */
export const MAX_EXTRA_METRICS = 64;

/** Epoch milliseconds a JavaScript Date can hold (+-100,000,000 days). */
export const MAX_EPOCH_MS = 8.64e15;

/** Containers (objects, arrays) nested deeper than this are refused; the payload itself is level 1. */
export const MAX_NESTING = 32;

/** How far ahead of the receiving clock a timestamp may be, unless configured otherwise. */
export const DEFAULT_MAX_AHEAD_MS = 5 * 60_000;
