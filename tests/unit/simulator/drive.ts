import {
  FactoryModel,
  type FactoryModelOptions,
  type OutgoingMessage,
} from '../../../simulator/model';

export const START_MS = Date.parse('2026-11-22T08:00:00Z');

export function createModel(overrides: Partial<FactoryModelOptions> = {}): FactoryModel {
  return new FactoryModel({
    seed: 42,
    lines: 2,
    machinesPerLine: 3,
    messagesPerSecond: 5,
    startMs: START_MS,
    ...overrides,
  });
}

/** Steps the model from `fromMs` to `toMs` (virtual, relative to START_MS) every `everyMs`. */
export function run(
  model: FactoryModel,
  fromMs: number,
  toMs: number,
  everyMs = 100,
): OutgoingMessage[] {
  const out: OutgoingMessage[] = [];
  for (let elapsed = fromMs; elapsed <= toMs; elapsed += everyMs)
    out.push(...model.step(START_MS + elapsed));
  return out;
}

export function bodyOf(message: OutgoingMessage): Record<string, unknown> {
  return JSON.parse(message.payload) as Record<string, unknown>;
}

/** A message's JSON body with where and when it came from, for assertions over many messages. */
export type Sample = Record<string, unknown> & { atMs: number; machineId: string };

export function sampleOf(message: OutgoingMessage): Sample {
  return { ...bodyOf(message), atMs: message.atMs, machineId: message.machineId };
}

export function commandPayload(
  command: string,
  args: Record<string, unknown> = {},
  commandId = 'cmd-1',
): string {
  return JSON.stringify({
    command_id: commandId,
    command,
    args,
    issued_by: 'engineer1',
    timestamp: '2026-11-22T08:00:30Z',
  });
}
