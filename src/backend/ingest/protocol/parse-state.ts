import { type JsonObject, checkMachineId, fieldOf, readOptionalString } from './fields';
import { MAX_TEXT_LENGTH } from './limits';
import type { ParsedState } from './parsed-message';
import { MACHINE_STATES, type MachineState } from './payloads';
import { ProtocolRefusal, describeJsonType, quote } from './refusal';
import { readTimestamp } from './timestamp';
import type { FactoryTopic } from './topic';

export function parseState(topic: FactoryTopic, body: JsonObject): ParsedState {
  checkMachineId(body, topic.machineId, false);
  const state = readMachineState(fieldOf(body, 'state'));
  const change: ParsedState = {
    kind: 'state',
    lineId: topic.lineId,
    machineId: topic.machineId,
    timestampMs: readStateTimestamp(fieldOf(body, 'timestamp'), state),
    state,
  };
  const reason = readOptionalString(body, 'reason', MAX_TEXT_LENGTH);
  if (reason !== undefined) change.reason = reason;
  return change;
}

function readMachineState(value: unknown): MachineState {
  if (value === undefined) throw new ProtocolRefusal('state', 'missing');
  if (typeof value !== 'string') {
    throw new ProtocolRefusal('state', `expected a string, got ${describeJsonType(value)}`);
  }
  const known = MACHINE_STATES.find((state) => state === value);
  if (known === undefined) throw new ProtocolRefusal('state', `unknown state ${quote(value)}`);
  return known;
}

/**
 * Only `offline` may come without a timestamp: that is the last will, set when the machine
 * connected, so no time could be written into it. Any other state change must say when.
 */
function readStateTimestamp(value: unknown, state: MachineState): number | null {
  if ((value === undefined || value === null) && state === 'offline') return null;
  if (value === undefined) throw new ProtocolRefusal('timestamp', 'missing');
  return readTimestamp(value, 'timestamp');
}
