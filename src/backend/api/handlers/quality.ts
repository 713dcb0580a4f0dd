import { specVersionFor } from '../../../shared/rules/role-views';
import type { RegisterHandlers } from '../services';
import { visibilityOf, visibleMachineIds } from '../visibility';

const HOUR_MS = 3_600_000;

export const registerQualityHandlers: RegisterHandlers = (dispatcher, services) => {
  const { store } = services;
  dispatcher.register('results.list', (input, { caller }) =>
    store.listResults(input, visibilityOf(caller)),
  );

  dispatcher.register('results.yield', async (input, { caller }) => {
    let machines = visibleMachineIds(caller, services);
    if (input.machineId)
      machines = (machines ?? [input.machineId]).filter((id) => id === input.machineId);
    return store.yieldByStep(Date.parse(input.from), Date.parse(input.to), machines, input.lineId);
  });

  dispatcher.register('specs.list', async (input, { caller }) =>
    (await store.listSpecs(input)).map((spec) => specVersionFor(caller.user.role, spec)),
  );

  dispatcher.register('specs.save', (input, { caller }) =>
    store.saveSpec(input, { username: caller.user.username }),
  );

  dispatcher.register('specs.preview', (input, { caller }) =>
    store.previewSpec(
      input,
      services.now() - input.hours * HOUR_MS,
      visibleMachineIds(caller, services),
    ),
  );
};
