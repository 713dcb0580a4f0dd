import type { IngestStatus } from '../../../shared/contract';
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
}
