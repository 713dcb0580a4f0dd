import { z } from 'zod';

/** How Linewatch reaches the plant's broker. An empty URL means "the embedded one". */
export const BrokerSettings = z.object({
  url: z
    .string()
    .max(500)
    .refine(
      (url) => url === '' || /^(mqtts?|wss?):\/\//.test(url),
      'must start with mqtt://, mqtts://, ws:// or wss://',
    ),
  username: z.string().max(200).optional(),
  password: z.string().max(500).optional(),
  caFile: z.string().max(1000).optional(),
  certFile: z.string().max(1000).optional(),
  keyFile: z.string().max(1000).optional(),
  clientId: z.string().max(128).optional(),
  topicRoot: z.string().max(200).default('factory'),
});
export type BrokerSettings = z.infer<typeof BrokerSettings>;

/** From console-mode flags and environment: LINEWATCH_BROKER_URL, _USERNAME, _PASSWORD, _CA, _CERT, _KEY. */
export function brokerSettingsFromEnv(env: NodeJS.ProcessEnv, urlFlag?: string): BrokerSettings {
  return BrokerSettings.parse({
    url: urlFlag ?? env.LINEWATCH_BROKER_URL ?? '',
    username: env.LINEWATCH_BROKER_USERNAME,
    password: env.LINEWATCH_BROKER_PASSWORD,
    caFile: env.LINEWATCH_BROKER_CA,
    certFile: env.LINEWATCH_BROKER_CERT,
    keyFile: env.LINEWATCH_BROKER_KEY,
    topicRoot: env.LINEWATCH_TOPIC_ROOT ?? 'factory',
  });
}
