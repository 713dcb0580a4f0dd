export { parseFactoryMessage } from './parse-factory-message';
export type {
  ParseOptions,
  ParseOutcome,
  ParsedCommandAck,
  ParsedMessage,
  ParsedState,
  ParsedTelemetry,
  ParsedTestResult,
} from './parsed-message';
export {
  COMMAND_NAMES,
  MACHINE_STATES,
  ReceivedCommandSchema,
  type CommandAckPayload,
  type CommandName,
  type CommandPayload,
  type MachineState,
  type ProtocolTimestamp,
  type ReceivedCommand,
  type StatePayload,
  type TelemetryPayload,
  type TestResultPayload,
} from './payloads';
export {
  DEFAULT_TOPIC_ROOT,
  buildTopic,
  isProtocolIdentifier,
  isValidTopicRoot,
  parseTopic,
  type FactoryTopic,
  type TopicKind,
} from './topic';
export { DEFAULT_MAX_AHEAD_MS, MAX_NESTING, MAX_PAYLOAD_BYTES } from './limits';
export { payloadBytes } from './json-depth';
export { humanDuration } from './future';
