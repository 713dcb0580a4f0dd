import type { RegisterHandlers } from '../services';
import { visibilityOf } from '../visibility';

const HOUR_MS = 3_600_000;

export const registerQualityHandlers: RegisterHandlers = (dispatcher, { store }) => {
  dispatcher.register('results.list', (input, { caller }) =>
    store.listResults(input, visibilityOf(caller)),
  );

  dispatcher.register('specs.list', (input) => store.listSpecs(input));

  dispatcher.register('specs.save', (input, { caller }) =>
    store.saveSpec(input, { username: caller.user.username }),
  );

  dispatcher.register('specs.preview', (input) =>
    store.previewSpec(input, Date.now() - input.hours * HOUR_MS),
  );
};
