import type { SimulationService } from '../../simulation/simulation-service';
import type { Dispatcher } from '../dispatcher';

/** The built-in simulator: one run at a time for the whole backend, whoever started it. */
export function registerSimulatorHandlers(
  dispatcher: Dispatcher,
  simulation: SimulationService,
): void {
  dispatcher.register('simulator.status', async () => simulation.status());
  dispatcher.register('simulator.start', (input, { caller }) =>
    simulation.start(input, caller.user.username),
  );
  dispatcher.register('simulator.stop', (_input, { caller }) =>
    simulation.stop(caller.user.username),
  );
}
