import type { JsonObject } from './fields';
import { checkNotInFuture } from './future';
import { nestsDeeperThan } from './json-depth';
import { DEFAULT_MAX_AHEAD_MS, MAX_NESTING, MAX_PAYLOAD_BYTES } from './limits';
import { parseCommandAck } from './parse-command-ack';
import { parseState } from './parse-state';
import { parseTelemetry } from './parse-telemetry';
import { parseTestResult } from './parse-test-result';
import type { ParseOptions, ParseOutcome, ParsedMessage } from './parsed-message';
import { ProtocolRefusal, describeJsonType } from './refusal';
import { DEFAULT_TOPIC_ROOT, type FactoryTopic, parseTopic } from './topic';

/** `fatal` makes invalid UTF-8 an error instead of silent U+FFFD replacement. */
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** JSON.parse messages quote the input; a cap keeps a refusal record small. */
const MAX_JSON_ERROR_LENGTH = 120;

/**
 * Checks one MQTT message against the factory protocol. Pure, synchronous, never throws:
 * every problem comes back as `{ ok: false, reason, field }` with the reason naming the field.
 * Messages on `.../command` topics come back as `{ ok: false, ignored: true }` (see ParseOutcome).
 */
export function parseFactoryMessage(
  topic: string,
  payload: Uint8Array,
  options?: ParseOptions,
): ParseOutcome {
  try {
    const address = parseTopic(String(topic), options?.topicRoot ?? DEFAULT_TOPIC_ROOT);
    if (address.kind === 'command') {
      return {
        ok: false,
        ignored: true,
        field: 'topic',
        reason: 'topic: a command, published by the app itself',
      };
    }
    const message = parseBody(address, readJsonObject(payload));
    const receivedAtMs = options?.receivedAtMs;
    if (receivedAtMs !== undefined && 'timestampMs' in message && message.timestampMs !== null) {
      checkNotInFuture(
        message.timestampMs,
        receivedAtMs,
        options?.maxAheadMs ?? DEFAULT_MAX_AHEAD_MS,
      );
    }
    return { ok: true, message };
  } catch (error) {
    if (error instanceof ProtocolRefusal) {
      return { ok: false, reason: error.message, field: error.field };
    }
    // Unreachable by design; kept so a parser bug refuses one message instead of stopping ingest.
    const detail = error instanceof Error ? error.message : String(error);
    return { ok: false, reason: `payload: parser failure (${detail})`, field: 'payload' };
  }
}

function parseBody(address: FactoryTopic, body: JsonObject): ParsedMessage {
  switch (address.kind) {
    case 'test':
      return parseTestResult(address, body);
    case 'telemetry':
      return parseTelemetry(address, body);
    case 'state':
      return parseState(address, body);
    case 'command/ack':
      return parseCommandAck(address, body);
    case 'command':
      throw new ProtocolRefusal('topic', 'commands are not parsed');
  }
}

function readJsonObject(payload: Uint8Array): JsonObject {
  if (!(payload instanceof Uint8Array)) {
    throw new ProtocolRefusal('payload', `expected bytes, got ${describeJsonType(payload)}`);
  }
  if (payload.byteLength > MAX_PAYLOAD_BYTES) {
    throw new ProtocolRefusal('payload', `${payload.byteLength} bytes is over the 256 KiB limit`);
  }
  if (payload.byteLength === 0) throw new ProtocolRefusal('payload', 'empty');
  let text: string;
  try {
    text = strictUtf8.decode(payload);
  } catch {
    throw new ProtocolRefusal('payload', 'not valid UTF-8');
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    const shortDetail =
      detail.length > MAX_JSON_ERROR_LENGTH
        ? `${detail.slice(0, MAX_JSON_ERROR_LENGTH)}...`
        : detail;
    throw new ProtocolRefusal('payload', `not valid JSON (${shortDetail})`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ProtocolRefusal('payload', `expected a JSON object, got ${describeJsonType(value)}`);
  }
  if (nestsDeeperThan(value, MAX_NESTING)) {
    throw new ProtocolRefusal('payload', `nesting deeper than ${MAX_NESTING} levels`);
  }
  return value as JsonObject;
}
