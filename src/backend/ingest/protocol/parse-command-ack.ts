import { type JsonObject, readBoolean, readOptionalString, readString } from './fields';
import { MAX_ID_LENGTH, MAX_TEXT_LENGTH } from './limits';
import type { ParsedCommandAck } from './parsed-message';
import type { FactoryTopic } from './topic';

export function parseCommandAck(topic: FactoryTopic, body: JsonObject): ParsedCommandAck {
  const ack: ParsedCommandAck = {
    kind: 'commandAck',
    lineId: topic.lineId,
    machineId: topic.machineId,
    commandId: readString(body, 'command_id', MAX_ID_LENGTH),
    ok: readBoolean(body, 'ok'),
  };
  const message = readOptionalString(body, 'message', MAX_TEXT_LENGTH);
  if (message !== undefined) ack.message = message;
  return ack;
}
