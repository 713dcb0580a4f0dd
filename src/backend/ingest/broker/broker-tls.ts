import { readFileSync } from 'node:fs';
import type { BrokerCredentials } from '../../../shared/rules/broker-connection';

/** The TLS files of a broker connection, read for MQTT.js (a missing file throws). */
export function readBrokerTls(connection: BrokerCredentials): {
  ca?: Buffer;
  cert?: Buffer;
  key?: Buffer;
} {
  return {
    ca: connection.caFile ? readFileSync(connection.caFile) : undefined,
    cert: connection.certFile ? readFileSync(connection.certFile) : undefined,
    key: connection.keyFile ? readFileSync(connection.keyFile) : undefined,
  };
}
