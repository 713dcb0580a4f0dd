import type { HandlerServices } from '../services';
import { ApiFailure } from '../api-failure';
import type { Dispatcher } from '../dispatcher';

/** The built-in simulator: one run at a time for the whole backend, whoever started it. */
export function registerSimulatorHandlers(
  dispatcher: Dispatcher,
  { simulation, ingest }: HandlerServices,
): void {
  /** The broker Linewatch reads, and whether it is the embedded one (not the plant's). */
  const broker = (): { url: string; embedded: boolean } => {
    const { brokerUrl, embedded } = ingest.current();
    return { url: brokerUrl, embedded };
  };
  dispatcher.register('simulator.status', async () => simulation.status());
  dispatcher.register('simulator.start', (input, { caller }) => {
    const { url, embedded } = broker();
    if (!embedded) {
      if (input.confirmProduction !== true)
        throw new ApiFailure(
          'FORBIDDEN',
          `confirmProduction: Linewatch reads the broker ${url}, not its embedded one, so the simulator would publish into production; an admin must confirm the start (confirmProduction: true)`,
        );
      if (!caller.scope.isPlant)
        throw new ApiFailure(
          'FORBIDDEN',
          `confirmProduction: only an admin may start the simulator against the broker ${url}`,
        );
    }
    return simulation.start(input, caller.user.username);
  });
  dispatcher.register('simulator.stop', (_input, { caller }) =>
    simulation.stop(caller.user.username),
  );
}
