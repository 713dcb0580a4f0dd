import type { StationIngestAnswer, StationItemAnswer, StationKey } from '../../shared/contract';
import { isProtocolIdentifier } from '../ingest/protocol';
import type { RawMessage } from '../store/ingest-messages';
import { describeJsonType, quote } from '../ingest/protocol/refusal';

/** The protocol's nesting limit; checked here first so that re-encoding an item cannot overflow. */
const MAX_DEPTH = 32;

/** Where a station's items go: the machine registration, and the key's lines and machines. */
export interface StationRouting {
  topicRoot: string;
  lineOf(machineId: string): string | undefined;
}

/** An item ready for the pipeline, with what the answer needs to know about it. */
export interface PlannedItem {
  message: RawMessage;
  outsideKey: boolean;
}

/** Deeper than `limit` levels of arrays and objects? Iterative, so depth itself cannot hurt. */
function nestedDeeperThan(value: unknown, limit: number): boolean {
  const stack: { value: unknown; depth: number }[] = [{ value, depth: 1 }];
  while (stack.length) {
    const { value: current, depth } = stack.pop()!;
    if (typeof current !== 'object' || current === null) continue;
    if (depth > limit) return true;
    for (const child of Object.values(current)) stack.push({ value: child, depth: depth + 1 });
  }
  return false;
}

const encoder = new TextEncoder();

/**
 * Turns one posted item into a pipeline message. An item with its line found goes to the
 * line's test topic, as if the machine had published it. One refused here (no usable
 * machine_id, an unregistered machine, a machine outside the key) still goes to the pipeline,
 * marked refused, so it becomes a dead letter in the same transaction as the rest. Such dead
 * letters have no line (`~station` in the topic): the reason never names the machine's line.
 */
export function planItem(
  item: unknown,
  key: StationKey,
  routing: StationRouting,
  receivedMs: number,
): PlannedItem {
  const deep = nestedDeeperThan(item, MAX_DEPTH);
  const refused = (machine: string | null, field: string | null, reason: string): PlannedItem => ({
    message: {
      topic: `${routing.topicRoot}/~station/${machine ?? '~'}/test`,
      payload: encoder.encode(
        deep ? '"(nested deeper than 32 levels; not kept)"' : JSON.stringify(item),
      ),
      receivedMs,
      refusal: { field, reason: field ? `${field}: ${reason}` : reason },
    },
    outsideKey: false,
  });
  if (deep) return refused(null, null, `nested deeper than ${MAX_DEPTH} levels`);
  if (typeof item !== 'object' || item === null || Array.isArray(item)) {
    return refused(
      null,
      null,
      `expected a test result (a JSON object), got ${describeJsonType(item)}`,
    );
  }
  const machineId = (item as Record<string, unknown>).machine_id;
  if (machineId === undefined) return refused(null, 'machine_id', 'missing');
  if (typeof machineId !== 'string')
    return refused(null, 'machine_id', `expected a string, got ${describeJsonType(machineId)}`);
  if (!isProtocolIdentifier(machineId))
    return refused(
      null,
      'machine_id',
      `${quote(machineId)} is not 1 to 64 characters of A-Z a-z 0-9 _ -`,
    );

  let lineId = routing.lineOf(machineId);
  if (lineId === undefined) {
    // Like MQTT, where the topic names the line: a key for exactly one line places a new
    // machine there. Any other key cannot know the line, so an admin registers the machine.
    if (key.lines.length !== 1) {
      return refused(
        machineId,
        'machine_id',
        `machine ${quote(machineId)} is not registered; an admin registers it on its line (Admin → Plant), then the station sends it again`,
      );
    }
    lineId = key.lines[0]!;
  } else if (!key.lines.includes(lineId) && !key.machines.includes(machineId)) {
    const planned = refused(
      machineId,
      'machine_id',
      `machine ${quote(machineId)} is not among this station key's lines and machines`,
    );
    return { ...planned, outsideKey: true };
  }
  return {
    message: {
      topic: `${routing.topicRoot}/${lineId}/${machineId}/test`,
      payload: encoder.encode(JSON.stringify(item)),
      receivedMs,
    },
    outsideKey: false,
  };
}

/** The per-item answer from the pipeline's outcomes, in the order the items came. */
export function answerOf(
  outcomes: readonly ({ outcome: string; reason?: string; field?: string | null } | undefined)[],
  count: number,
): StationIngestAnswer {
  const items: StationItemAnswer[] = [];
  let stored = 0;
  let duplicates = 0;
  let refused = 0;
  for (let index = 0; index < count; index += 1) {
    const outcome = outcomes[index];
    if (outcome?.outcome === 'stored') {
      stored += 1;
      items.push({ index, outcome: 'stored' });
    } else if (outcome?.outcome === 'duplicate') {
      duplicates += 1;
      items.push({ index, outcome: 'duplicate' });
    } else {
      refused += 1;
      items.push({
        index,
        outcome: 'refused',
        field: outcome?.field ?? null,
        reason: outcome?.reason ?? 'not a test result',
      });
    }
  }
  return { stored, duplicates, refused, items };
}
