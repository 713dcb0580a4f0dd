import { ApiFailure } from '../api-failure';
import { payloadBytes } from '../../ingest/protocol';
import type { Dispatcher } from '../dispatcher';
import type { HandlerServices } from '../services';
import { ingestStatusFor } from '../../../shared/rules/role-views';
import { visibilityOf } from '../visibility';

export function registerIngestHandlers(
  dispatcher: Dispatcher,
  { store, now, ingest }: HandlerServices,
): void {
  dispatcher.register('ingest.submit', async (input) => {
    const machineId = typeof input.payload.machine_id === 'string' ? input.payload.machine_id : '';
    const topic = `${ingest.topicRoot()}/${input.lineId}/${machineId || '_'}/test`;
    const summary = await ingest.submit({
      topic,
      // Nesting too deep to serialize is cut, refused for it and kept as a dead letter.
      payload: payloadBytes(input.payload),
      receivedMs: now(),
    });
    const refusal = summary.refusals[0];
    if (refusal)
      throw new ApiFailure('INVALID_INPUT', `Refused and kept as a dead letter: ${refusal.reason}`);
    return summary.stored > 0
      ? { outcome: 'stored' as const, result: summary.results[0] ?? null }
      : { outcome: 'duplicate' as const, result: null };
  });

  dispatcher.register('ingest.status', async (_input, { caller }) =>
    ingestStatusFor(caller.user.role, ingest.current()),
  );

  dispatcher.register('deadLetters.list', (input, { caller }) =>
    store.listDeadLetters(input, visibilityOf(caller)),
  );

  dispatcher.register('deadLetters.reasons', async (_input, { caller }) => ({
    reasons: await store.deadLetterReasons(visibilityOf(caller)),
  }));

  dispatcher.register('deadLetters.replay', async (input, { caller }) => {
    const result = await store.replayDeadLetter(
      input.id,
      visibilityOf(caller),
      { username: caller.user.username },
      input.payload,
    );
    if (!result) throw new ApiFailure('NOT_FOUND', `No dead letter ${input.id} in your scope`);
    return result;
  });
}
