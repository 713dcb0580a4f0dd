import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { MqttClient } from 'mqtt';
import { publishBurst } from '../../tests/integration/ingest/support/publisher';
import type { FromRawSubscriber, ToRawSubscriber } from './raw-subscriber-process';

const ENTRY = fileURLToPath(new URL('./raw-subscriber-process.ts', import.meta.url));

/**
 * The broker's own pace, for comparison: a bare MQTT.js subscriber (QoS 1) that only counts,
 * in a process of its own as Linewatch's subscriber is (raw-subscriber-process.ts).
 * It stays connected for many bursts (warm, like the Linewatch it is compared with) and reads
 * its own topic root, so a Linewatch connected to the same broker gets none of its messages and
 * the raw bursts cost Linewatch nothing: the same test results, the same topic length.
 */
export class RawSubscriber {
  private constructor(
    private readonly child: ChildProcess,
    private readonly topicRoot: string,
  ) {}

  /** The subscriber's process, for its CPU. */
  get pid(): number {
    return this.child.pid!;
  }

  /**
   * `clean: false` gives it a persistent session as Linewatch has (the embedded broker then
   * stores each QoS 1 message for it, as for Linewatch); mosquitto's reference has used a
   * clean session.
   */
  static async connect(
    url: string,
    { topicRoot = 'rawfeed', clean = true }: { topicRoot?: string; clean?: boolean } = {},
  ): Promise<RawSubscriber> {
    // Inherits this process's `--import tsx`.
    const child = fork(ENTRY, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const subscriber = new RawSubscriber(child, topicRoot);
    try {
      await subscriber.ask({ kind: 'connect', url, topicRoot, clean }, 'ready');
    } catch (error) {
      await subscriber.close();
      throw error;
    }
    return subscriber;
  }

  /** Publishes `count` test results through `publisher`; ms from the first publish to the last received. */
  async burst(publisher: MqttClient, prefix: string, count: number): Promise<number> {
    await this.ask({ kind: 'expect', count }, 'ready');
    const done = this.next('done');
    const burst = await publishBurst(publisher, prefix, count, { topicRoot: this.topicRoot });
    const { atEpochMs } = (await done) as { atEpochMs: number };
    return atEpochMs - performance.timeOrigin - burst.startedAt;
  }

  async close(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.disconnect();
    const timer = setTimeout(() => this.child.kill(), 5000);
    await exited;
    clearTimeout(timer);
  }

  private ask(message: ToRawSubscriber, answer: FromRawSubscriber['kind']): Promise<unknown> {
    const reply = this.next(answer);
    this.child.send(message);
    return reply;
  }

  private next(kind: FromRawSubscriber['kind']): Promise<FromRawSubscriber> {
    return new Promise((resolve, reject) => {
      const onExit = () => reject(new Error('the raw subscriber process exited'));
      const onMessage = (message: FromRawSubscriber) => {
        if (message.kind !== kind && message.kind !== 'failed') return;
        this.child.off('message', onMessage);
        this.child.off('exit', onExit);
        if (message.kind === 'failed') reject(new Error(`raw subscriber: ${message.message}`));
        else resolve(message);
      };
      this.child.on('message', onMessage);
      this.child.once('exit', onExit);
    });
  }
}
