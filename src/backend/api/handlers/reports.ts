import type { HandlerServices } from '../services';
import type { Dispatcher } from '../dispatcher';

/** Reports: the service settles the scope (line, machine or the caller's plant) itself. */
export function registerReportHandlers(dispatcher: Dispatcher, { reports }: HandlerServices): void {
  dispatcher.register('reports.build', (input, { caller }) => reports.forCaller(input, caller));
}
