import { randomUUID } from 'node:crypto';
import type { CommandName, CommandRecord } from '../../shared/contract';
import { ApiFailure } from '../api/api-failure';
import type { StoreClient } from '../store/store-client';
import type { MetricValue } from '../ingest/sparkplug/sparkplug-codec';
import { commandValue, type SparkplugCommandTarget } from '../ingest/sparkplug/sparkplug-commands';

/** A command with no answer within this time is recorded as timed out (the protocol's rule). */
export const COMMAND_TIMEOUT_MS = 10_000;

export interface CommandPublisher {
  isConnected(): boolean;
  publish(topic: string, payload: string): Promise<void>;
  topicRoot(): string;
}

/** Commands to machines mapped to a Sparkplug device: NCMD/DCMD writes (issue 17). */
export interface SparkplugCommandRoute {
  /** The metric the command writes, or null (not mapped so: the JSON protocol carries it). */
  target(machineId: string, command: CommandName): Promise<SparkplugCommandTarget | null>;
  isConnected(): boolean;
  write(target: SparkplugCommandTarget, value: MetricValue): Promise<void>;
}

/** Sends commands to machines over MQTT, records them, and times out the unanswered ones. */
export class CommandService {
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly store: StoreClient,
    private readonly publisher: CommandPublisher,
    private readonly changed: (record: CommandRecord) => void,
    private readonly now: () => number,
    private readonly sparkplug: SparkplugCommandRoute | null = null,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.expire(), 1_000);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  async send(
    machineId: string,
    command: CommandName,
    args: Record<string, unknown>,
    issuedBy: { username: string; station?: string | null },
  ): Promise<CommandRecord> {
    const target = (await this.sparkplug?.target(machineId, command)) ?? null;
    if (target) return this.sendSparkplug(target, machineId, command, args, issuedBy);
    if (!this.publisher.isConnected()) {
      throw new ApiFailure('CONFLICT', 'The broker is not connected; the command was not sent');
    }
    const record = await this.store.createCommand(
      { id: randomUUID(), machineId, command, args },
      issuedBy,
    );
    const payload = {
      command_id: record.id,
      command,
      args,
      issued_by: issuedBy.username,
      timestamp: new Date(this.now()).toISOString(),
    };
    await this.publisher.publish(
      `${this.publisher.topicRoot()}/${record.lineId}/${machineId}/command`,
      JSON.stringify(payload),
    );
    this.changed(record);
    return record;
  }

  /** An NCMD/DCMD writing the mapped metric; the edge node's report of it is the answer. */
  private async sendSparkplug(
    target: SparkplugCommandTarget,
    machineId: string,
    command: CommandName,
    args: Record<string, unknown>,
    issuedBy: { username: string; station?: string | null },
  ): Promise<CommandRecord> {
    const route = this.sparkplug;
    if (!route?.isConnected()) {
      throw new ApiFailure(
        'CONFLICT',
        'The Sparkplug host is not connected; the command was not sent',
      );
    }
    const written = commandValue(command, args, target.datatype);
    if (!written.ok) {
      throw new ApiFailure('CONFLICT', `${written.reason}; the command was not sent`);
    }
    const record = await this.store.createCommand(
      { id: randomUUID(), machineId, command, args },
      issuedBy,
    );
    await route.write(target, written.value);
    this.changed(record);
    return record;
  }

  private async expire(): Promise<void> {
    try {
      const expired = await this.store.expireCommands(this.now() - COMMAND_TIMEOUT_MS);
      for (const record of expired) this.changed(record);
    } catch {
      // The store may be restarting; the next tick tries again.
    }
  }
}
