import type { StationIngestAnswer } from '../../../shared/contract';
import { hashStationKey, newStationKey, visiblePrefix } from '../../station-keys/key-secret';
import { answerOf, planItem } from '../../station-keys/station-ingest';
import { ApiFailure } from '../api-failure';
import type { Dispatcher } from '../dispatcher';
import type { HandlerServices } from '../services';

const describeScope = (lines: string[], machines: string[]): string =>
  [
    lines.length ? `lines ${lines.join(', ')}` : '',
    machines.length ? `machines ${machines.join(', ')}` : '',
  ]
    .filter(Boolean)
    .join(' and ');

/** Admins keep station keys; stations post test results with them (the key's only use). */
export function registerStationKeyHandlers(
  dispatcher: Dispatcher,
  { store, plant, now, ingest, stationKeys: gate, stationLimiter: limiter }: HandlerServices,
): void {
  dispatcher.register('stationKeys.list', () => store.listStationKeys());

  dispatcher.register('stationKeys.create', async (input, { caller }) => {
    const secret = newStationKey();
    const admin = caller.user.username;
    const stationKey = await store.createStationKey(
      {
        name: input.name,
        keyHash: hashStationKey(secret),
        prefix: visiblePrefix(secret),
        lines: input.lines,
        machines: input.machines,
        createdMs: now(),
        createdBy: admin,
      },
      {
        type: 'stationKey.created',
        actor: admin,
        target: input.name,
        message: `${admin} created station key "${input.name}" for ${describeScope(input.lines, input.machines)}`,
      },
    );
    return { stationKey, secret };
  });

  dispatcher.register('stationKeys.revoke', async (input, { caller }) => {
    const admin = caller.user.username;
    const existing = (await store.listStationKeys()).find((key) => key.id === input.id);
    if (!existing) throw new ApiFailure('NOT_FOUND', `No station key ${input.id}`);
    const revoked = await store.revokeStationKey(input.id, now(), {
      type: 'stationKey.revoked',
      actor: admin,
      target: existing.name,
      message: `${admin} revoked station key "${existing.name}"`,
      details: { stationKeyId: existing.id },
    });
    if (!revoked) throw new ApiFailure('NOT_FOUND', `No station key ${input.id}`);
    return revoked;
  });

  dispatcher.registerStation('ingest.station', async (input, { station: key }) => {
    const items = Array.isArray(input) ? input : [input];
    const allowed = limiter.take(key.id, items.length);
    if (!allowed.ok) {
      gate.refused(key, 'it posted faster than its rate limit');
      throw new ApiFailure(
        'RATE_LIMITED',
        `This station key posts too fast; try again in ${allowed.retryAfterSeconds} s`,
        undefined,
        allowed.retryAfterSeconds,
      );
    }
    // A machine an admin registered a moment ago may not be in the registry's copy yet.
    if (items.some((item) => unknownMachine(item, plant.lineOf.bind(plant)))) await plant.refresh();
    const receivedMs = now();
    const routing = { topicRoot: ingest.topicRoot(), lineOf: (id: string) => plant.lineOf(id) };
    const planned = items.map((item) => planItem(item, key, routing, receivedMs));
    const outcomes = await ingest.submitMany(planned.map((entry) => entry.message));
    const answer: StationIngestAnswer = answerOf(outcomes, items.length);
    gate.usedBy(key, {
      requests: 1,
      items: items.length,
      stored: answer.stored,
      duplicates: answer.duplicates,
      refused: answer.refused,
      outsideKey: planned.filter((entry) => entry.outsideKey).length,
    });
    return answer;
  });
}

function unknownMachine(item: unknown, lineOf: (id: string) => string | undefined): boolean {
  if (typeof item !== 'object' || item === null) return false;
  const machineId = (item as Record<string, unknown>).machine_id;
  return typeof machineId === 'string' && lineOf(machineId) === undefined;
}
