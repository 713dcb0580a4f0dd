import mqtt, { type MqttClient } from 'mqtt';
import { callApi } from './api';
import { waitFor } from '../helpers/wait';

/** The embedded broker's URL, as the backend reports it (the port is chosen at start). */
export async function brokerUrlOf(baseUrl: string, adminToken: string): Promise<string> {
  const status = await waitFor(
    'the broker connected',
    async () => {
      const now = await callApi(baseUrl, 'ingest.status', {}, adminToken);
      return now.state === 'connected' && now;
    },
    { timeoutMs: 15_000, everyMs: 200 },
  );
  return status.brokerUrl;
}

/** A stand-in for the machines on the floor: plain MQTT.js, publishing the v1 protocol. */
export class FakeFloor {
  private constructor(private readonly client: MqttClient) {}

  static async connect(brokerUrl: string): Promise<FakeFloor> {
    const client = await mqtt.connectAsync(brokerUrl, {
      clientId: `e2e-floor-${Math.random().toString(16).slice(2)}`,
      reconnectPeriod: 0,
    });
    return new FakeFloor(client);
  }

  async publishRaw(topic: string, payload: string, retain = false): Promise<void> {
    await this.client.publishAsync(topic, payload, { qos: 1, retain });
  }

  async testResult(
    lineId: string,
    machineId: string,
    fields: { barcode: string; productId?: string; testStep?: string; value: number },
  ): Promise<void> {
    await this.publishRaw(
      `factory/${lineId}/${machineId}/test`,
      JSON.stringify({
        barcode: fields.barcode,
        machine_id: machineId,
        product_id: fields.productId ?? 'PROD-A',
        test_step: fields.testStep ?? 'voltage_test',
        measured_value: fields.value,
        timestamp: new Date().toISOString(),
        message_id: `${fields.barcode}-${Date.now()}-${Math.random()}`,
      }),
    );
  }

  async state(lineId: string, machineId: string, state: string, reason?: string): Promise<void> {
    await this.publishRaw(
      `factory/${lineId}/${machineId}/state`,
      JSON.stringify({ timestamp: new Date().toISOString(), state, reason }),
      true,
    );
  }

  async telemetry(lineId: string, machineId: string, temperature: number, units: number) {
    await this.publishRaw(
      `factory/${lineId}/${machineId}/telemetry`,
      JSON.stringify({
        timestamp: new Date().toISOString(),
        temperature,
        units_produced: units,
      }),
    );
  }

  /**
   * Answers every command to the machine like a real one: acknowledges it and, for 'stop',
   * reports the machine down (and 'start' running).
   */
  async answerCommands(lineId: string, machineId: string): Promise<void> {
    const commandTopic = `factory/${lineId}/${machineId}/command`;
    await this.client.subscribeAsync(commandTopic, { qos: 1 });
    this.client.on('message', (topic, payload) => {
      if (topic !== commandTopic) return;
      const command = JSON.parse(payload.toString()) as { command_id: string; command: string };
      const done = command.command === 'stop' ? 'stopped' : `${command.command} done`;
      void this.publishRaw(
        `${commandTopic}/ack`,
        JSON.stringify({ command_id: command.command_id, ok: true, message: done }),
      ).then(() => {
        if (command.command === 'stop')
          return this.state(lineId, machineId, 'down', 'stopped by command');
        if (command.command === 'start') return this.state(lineId, machineId, 'running');
        return undefined;
      });
    });
  }

  async close(): Promise<void> {
    await this.client.endAsync();
  }
}
