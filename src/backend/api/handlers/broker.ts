import type { BrokerConfig, BrokerConfigView } from '../../../shared/contract';
import type { BrokerSettings } from '../../ingest/broker/broker-settings';
import { testBrokerConnection } from '../../ingest/broker/broker-test';
import { ApiFailure } from '../api-failure';
import type { Dispatcher } from '../dispatcher';
import type { HandlerServices } from '../services';

/** Where the broker setting comes from, and how to apply a new one. */
export interface BrokerControl {
  /** Set by --broker or LINEWATCH_BROKER_URL: the admin page cannot override it. */
  fromCommandLine: BrokerSettings | null;
  apply(settings: BrokerSettings): Promise<void>;
}

function view(
  settings: BrokerSettings | null,
  source: BrokerConfigView['source'],
): BrokerConfigView {
  return {
    url: settings?.url ?? '',
    username: settings?.username ?? null,
    hasPassword: Boolean(settings?.password),
    caFile: settings?.caFile ?? null,
    certFile: settings?.certFile ?? null,
    keyFile: settings?.keyFile ?? null,
    topicRoot: settings?.topicRoot ?? 'factory',
    sparkplug: settings?.sparkplug ?? null,
    source,
  };
}

/**
 * A form's input merged with what is stored: no password given keeps the stored one. The
 * embedded broker takes no credentials, and MQTT 3.1.1 allows no password without a user.
 */
function merge(input: BrokerConfig, stored: BrokerSettings | null): BrokerSettings {
  const sparkplug = input.sparkplug ?? stored?.sparkplug;
  if (input.url === '') return { url: '', topicRoot: input.topicRoot, sparkplug };
  const blankToUndefined = (value: string | undefined) => (value ? value : undefined);
  const username = blankToUndefined(input.username);
  return {
    url: input.url,
    username,
    password: !username
      ? undefined
      : input.password === undefined
        ? stored?.password
        : blankToUndefined(input.password),
    caFile: blankToUndefined(input.caFile),
    certFile: blankToUndefined(input.certFile),
    keyFile: blankToUndefined(input.keyFile),
    topicRoot: input.topicRoot,
    sparkplug,
  };
}

export function registerBrokerHandlers(
  dispatcher: Dispatcher,
  { store, broker: control }: HandlerServices,
): void {
  dispatcher.register('broker.get', async () => {
    if (control.fromCommandLine) return view(control.fromCommandLine, 'command line');
    const saved = await store.savedBroker();
    return saved ? view(saved, 'settings') : view(null, 'embedded default');
  });

  dispatcher.register('broker.save', async (input, { caller }) => {
    if (control.fromCommandLine) {
      throw new ApiFailure(
        'CONFLICT',
        'The broker is set on the command line (--broker or LINEWATCH_BROKER_URL); change it there',
      );
    }
    const settings = merge(input, await store.savedBroker());
    await store.saveBroker(settings, { username: caller.user.username });
    await control.apply(settings);
    return view(settings, 'settings');
  });

  dispatcher.register('broker.test', async (input) => {
    const settings = merge(input, control.fromCommandLine ?? (await store.savedBroker()));
    if (settings.url === '')
      return { ok: true, message: 'The embedded broker runs inside Linewatch' };
    return testBrokerConnection({ ...settings, url: settings.url });
  });
}
