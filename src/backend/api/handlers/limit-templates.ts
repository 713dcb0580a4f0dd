import type { Caller } from '../../auth/auth-service';
import { actorOf } from '../actor';
import { ApiFailure } from '../api-failure';
import type { Dispatcher } from '../dispatcher';
import type { Services } from '../services';

/**
 * Alarm limit templates: admins keep them; engineers apply them to their lines or machines,
 * admins anywhere. A line or machine outside the caller's scope is refused with the same answer
 * whether it exists or not, so the refusal tells nothing about other lines.
 */
export function registerLimitTemplateHandlers(
  dispatcher: Dispatcher,
  { store, now, log }: Services,
): void {
  const refuse = (caller: Caller, what: string): never => {
    void store
      .appendEvent({
        type: 'access.denied',
        actor: caller.user.username,
        target: 'limitTemplates.apply',
        message: `${caller.user.username} was refused limitTemplates.apply: ${what} is outside the caller's scope`,
      })
      .catch((error: unknown) => log(`could not record a refusal: ${String(error)}`));
    throw new ApiFailure('FORBIDDEN', `${what} is not assigned to you`);
  };

  dispatcher.register('limitTemplates.list', () => store.listLimitTemplates());

  dispatcher.register('limitTemplates.save', (input, { caller, workstation }) =>
    store.saveLimitTemplate(input, actorOf(caller, workstation), now()),
  );

  dispatcher.register('limitTemplates.apply', async (input, { caller, workstation }) => {
    let machineIds: string[];
    if (input.lineId !== undefined) {
      if (!caller.scope.canSeeLine(input.lineId)) refuse(caller, `line ${input.lineId}`);
      machineIds = await store.machinesOfLine(input.lineId);
      if (machineIds.length === 0) {
        throw new ApiFailure('NOT_FOUND', `Line ${input.lineId} has no machines`);
      }
    } else {
      machineIds = [...new Set(input.machineIds ?? [])];
      const outside = machineIds.find((machineId) => !caller.scope.canSeeMachine(machineId));
      if (outside !== undefined) refuse(caller, `machine ${outside}`);
    }
    return store.applyLimitTemplate(input.name, machineIds, actorOf(caller, workstation), now());
  });
}
