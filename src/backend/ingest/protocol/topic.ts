import { ProtocolRefusal, quote } from './refusal';

/** Line and machine identifiers, as the contract defines them. */
const IDENTIFIER = /^[A-Za-z0-9_-]{1,64}$/;

export const DEFAULT_TOPIC_ROOT = 'factory';

/** Kinds a machine publishes, plus `command`, which the app publishes to the machine. */
export type TopicKind = 'test' | 'telemetry' | 'state' | 'command' | 'command/ack';

export interface FactoryTopic {
  lineId: string;
  machineId: string;
  kind: TopicKind;
}

export function isProtocolIdentifier(value: string): boolean {
  return IDENTIFIER.test(value);
}

/** Builds `{root}/{line}/{machine}/{kind}`; throws on a bad identifier, since a producer bug must not be published. */
export function buildTopic(
  root: string,
  lineId: string,
  machineId: string,
  kind: TopicKind,
): string {
  if (!isValidTopicRoot(root))
    throw new Error(`topic root ${quote(root)} is not a valid MQTT topic prefix`);
  if (!IDENTIFIER.test(lineId)) throw new Error(`line id ${quote(lineId)} ${IDENTIFIER_RULE}`);
  if (!IDENTIFIER.test(machineId))
    throw new Error(`machine id ${quote(machineId)} ${IDENTIFIER_RULE}`);
  return `${root}/${lineId}/${machineId}/${kind}`;
}

const IDENTIFIER_RULE = 'is not 1 to 64 characters of A-Z a-z 0-9 _ -';

/** A root may have several levels (`plant1/factory`) but no wildcards and no empty level. */
export function isValidTopicRoot(root: string): boolean {
  return (
    root.length > 0 &&
    !/[#+]/.test(root) &&
    !root.includes('\u0000') &&
    !root.split('/').includes('')
  );
}

/**
 * Topics already read, under `cachedRoot`: a plant's machines publish on a few thousand topics,
 * and splitting and checking one costs more than finding it (every message). Valid topics only,
 * frozen (callers share them), and at most TOPICS_KEPT, so odd publishers cannot grow it.
 */
const knownTopics = new Map<string, Readonly<FactoryTopic>>();
let cachedRoot: string | null = null;
const TOPICS_KEPT = 20_000;

/** Splits a topic into line, machine and kind, or throws a refusal naming `topic`. */
export function parseTopic(topic: string, root: string): Readonly<FactoryTopic> {
  if (root !== cachedRoot) {
    knownTopics.clear();
    cachedRoot = root;
  }
  let known = knownTopics.get(topic);
  if (known === undefined) {
    known = Object.freeze(readTopic(topic, root));
    if (knownTopics.size >= TOPICS_KEPT) knownTopics.clear();
    knownTopics.set(topic, known);
  }
  return known;
}

function readTopic(topic: string, root: string): FactoryTopic {
  const prefix = `${root}/`;
  if (!topic.startsWith(prefix)) {
    throw new ProtocolRefusal('topic', `${quote(topic)} is not under the root "${root}/"`);
  }
  const levels = topic.slice(prefix.length).split('/');
  const [lineId, machineId, first, second] = levels;
  if (lineId === undefined || machineId === undefined || first === undefined || levels.length > 4) {
    throw new ProtocolRefusal(
      'topic',
      `${quote(topic)} does not have the shape ${root}/{line}/{machine}/{kind}`,
    );
  }
  if (!IDENTIFIER.test(lineId))
    throw new ProtocolRefusal('topic', `line ${quote(lineId)} ${IDENTIFIER_RULE}`);
  if (!IDENTIFIER.test(machineId)) {
    throw new ProtocolRefusal('topic', `machine ${quote(machineId)} ${IDENTIFIER_RULE}`);
  }
  const kind = second === undefined ? first : `${first}/${second}`;
  if (!isTopicKind(kind)) throw new ProtocolRefusal('topic', `unknown kind ${quote(kind)}`);
  return { lineId, machineId, kind };
}

function isTopicKind(kind: string): kind is TopicKind {
  return (
    kind === 'test' ||
    kind === 'telemetry' ||
    kind === 'state' ||
    kind === 'command' ||
    kind === 'command/ack'
  );
}
