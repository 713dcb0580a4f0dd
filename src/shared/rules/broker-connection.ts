import { z } from 'zod';

/**
 * How Linewatch reaches an MQTT broker: the admin's Broker page (the contract), the command
 * line and environment, the subscriber, the connection test and the simulator it starts all
 * use this one shape. An empty URL means the embedded broker.
 */

const FilePath = z.string().max(1000);

/** A Sparkplug ID or namespace level: no MQTT separator or wildcards. */
const SparkplugLevel = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_.-]+$/, 'letters, digits, _ . -');

/**
 * The Sparkplug B host application beside the JSON protocol (both may run at once): its own
 * connection with a clean session, a STATE will and birth under `topicRoot` (spBv1.0).
 */
export const SparkplugConnection = z.object({
  enabled: z.boolean().default(false),
  topicRoot: SparkplugLevel.default('spBv1.0'),
  /** The Primary Host Application id edge nodes are configured to wait for. */
  hostId: SparkplugLevel.default('linewatch'),
});
export type SparkplugConnection = z.infer<typeof SparkplugConnection>;

export const BrokerConnection = z.object({
  url: z
    .string()
    .trim()
    .max(500)
    .refine(
      (url) => url === '' || /^(mqtts?|wss?):\/\/[^\s/]+/.test(url),
      'must be empty (embedded broker) or start with mqtt://, mqtts://, ws:// or wss://',
    ),
  username: z.string().max(200).optional(),
  password: z.string().max(500).optional(),
  /** TLS files on the machine Linewatch runs on: the CA to trust, our certificate and key. */
  caFile: FilePath.optional(),
  certFile: FilePath.optional(),
  keyFile: FilePath.optional(),
  /** The first level of every factory topic. */
  topicRoot: z
    .string()
    .regex(/^[A-Za-z0-9_-]+(\/[A-Za-z0-9_-]+)*$/, 'levels of A-Z a-z 0-9 _ - separated by /')
    .max(200)
    .default('factory'),
  sparkplug: SparkplugConnection.optional(),
});
export type BrokerConnection = z.infer<typeof BrokerConnection>;

/** Who we are at the broker and the TLS files: everything but where it is and the topics. */
export type BrokerCredentials = Pick<
  BrokerConnection,
  'username' | 'password' | 'caFile' | 'certFile' | 'keyFile'
>;

export function credentialsOf(connection: BrokerCredentials): BrokerCredentials {
  const { username, password, caFile, certFile, keyFile } = connection;
  return { username, password, caFile, certFile, keyFile };
}
