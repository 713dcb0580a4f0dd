import type { IngestStatus } from '../../../shared/contract';
import { ApiFailure } from '../api-failure';
import type { Dispatcher } from '../dispatcher';
import type { Services } from '../services';
import { visibilityOf } from '../visibility';

export function registerIngestHandlers(
  dispatcher: Dispatcher,
  { store }: Services,
  currentStatus: () => IngestStatus,
): void {
  dispatcher.register('ingest.status', async () => currentStatus());

  dispatcher.register('deadLetters.list', (input, { caller }) =>
    store.listDeadLetters(input, visibilityOf(caller)),
  );

  dispatcher.register('deadLetters.replay', async (input, { caller }) => {
    const result = await store.replayDeadLetter(input.id, visibilityOf(caller), {
      username: caller.user.username,
    });
    if (!result) throw new ApiFailure('NOT_FOUND', `No dead letter ${input.id} in your scope`);
    return result;
  });
}
