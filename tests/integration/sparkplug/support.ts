import { join } from 'node:path';
import Database from 'better-sqlite3';
import mqtt from 'mqtt';
import { DataType } from '../../../src/backend/ingest/sparkplug/sparkplug-schema';
import type { DeviceMetric } from '../../../simulator/sparkplug-edge-node';

/** Reads the server's database file (WAL: beside the store process) for one query. */
export function query<T>(dataDir: string, sql: string, ...params: unknown[]): T[] {
  const db = new Database(join(dataDir, 'linewatch.sqlite'), {
    readonly: true,
    fileMustExist: true,
  });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

/** A test station's metrics as an edge node declares them. */
export function stationMetrics(): DeviceMetric[] {
  return [
    { name: 'Sensors/Temperature', datatype: DataType.Double, value: 60 },
    { name: 'State', datatype: DataType.String, value: 'running' },
    { name: 'Counters/units_produced', datatype: DataType.UInt64, value: 0 },
    { name: 'Sensors/Vibration', datatype: DataType.Float, value: 2 },
    { name: 'Test/Barcode', datatype: DataType.String, value: '' },
    { name: 'Test/Product', datatype: DataType.String, value: '' },
    { name: 'Test/Step', datatype: DataType.String, value: '' },
    { name: 'Test/Value', datatype: DataType.Double, value: 0 },
  ];
}

/** The retained STATE of a host, as an edge node reads it on subscribing. */
export async function retainedState(
  url: string,
  hostId: string,
): Promise<{ online: boolean; timestamp: number }> {
  const client = await mqtt.connectAsync(url, { clean: true, reconnectPeriod: 0 });
  try {
    const message = new Promise<Buffer>((resolve) =>
      client.on('message', (_topic, payload) => resolve(payload)),
    );
    await client.subscribeAsync(`spBv1.0/STATE/${hostId}`, { qos: 1 });
    return JSON.parse((await message).toString('utf8')) as { online: boolean; timestamp: number };
  } finally {
    await client.endAsync(true);
  }
}
