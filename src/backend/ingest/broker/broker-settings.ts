import { z } from 'zod';
import { BrokerConnection } from '../../../shared/rules/broker-connection';

/** How Linewatch reaches the plant's broker (the shared connection shape) and its MQTT client id. */
export const BrokerSettings = BrokerConnection.extend({
  clientId: z.string().max(128).optional(),
});
export type BrokerSettings = z.infer<typeof BrokerSettings>;

/**
 * From console-mode flags and environment: LINEWATCH_BROKER_URL, _USERNAME, _PASSWORD, _CA, _CERT,
 * _KEY; LINEWATCH_SPARKPLUG=1 turns the Sparkplug B host on (LINEWATCH_SPARKPLUG_ROOT, _HOST_ID).
 */
export function brokerSettingsFromEnv(env: NodeJS.ProcessEnv, urlFlag?: string): BrokerSettings {
  return BrokerSettings.parse({
    url: urlFlag ?? env.LINEWATCH_BROKER_URL ?? '',
    username: env.LINEWATCH_BROKER_USERNAME,
    password: env.LINEWATCH_BROKER_PASSWORD,
    caFile: env.LINEWATCH_BROKER_CA,
    certFile: env.LINEWATCH_BROKER_CERT,
    keyFile: env.LINEWATCH_BROKER_KEY,
    topicRoot: env.LINEWATCH_TOPIC_ROOT ?? 'factory',
    sparkplug:
      env.LINEWATCH_SPARKPLUG === '1' || env.LINEWATCH_SPARKPLUG === 'true'
        ? {
            enabled: true,
            topicRoot: env.LINEWATCH_SPARKPLUG_ROOT,
            hostId: env.LINEWATCH_SPARKPLUG_HOST_ID,
          }
        : undefined,
  });
}
