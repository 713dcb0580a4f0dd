import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MqttClient } from 'mqtt';
import { createBackend, type Backend } from '../../../../src/backend/backend';
import { nodeLauncher } from '../../../../src/backend/process/node-launcher';
import { ChromiumPdfPrinter } from '../../../../src/backend/reports/pdf/chromium-pdf-printer';
import type { IngestStatus, MethodName, Role, Session } from '../../../../src/shared/contract';
import { connectPublisher } from './publisher';
import { waitFor } from '../../../helpers/wait';

export interface Outgoing {
  topic: string;
  payload: Buffer | string;
}

export type Counters = IngestStatus['counters'];

const PASSWORD = 'a long test password';

/**
 * The real backend in this process (store process and all) with the embedded broker on a free
 * port, an admin, and a publisher connected to that broker.
 */
export class EmbeddedBackend {
  private constructor(
    readonly backend: Backend,
    readonly dataDir: string,
    readonly admin: Session,
    readonly brokerUrl: string,
    readonly publisher: MqttClient,
  ) {}

  static async start(): Promise<EmbeddedBackend> {
    const dataDir = mkdtempSync(join(tmpdir(), 'linewatch-pipeline-'));
    const backend = await createBackend({
      dataDir,
      launcher: nodeLauncher,
      pdfPrinter: new ChromiumPdfPrinter(),
      bcryptCost: 4,
      log: () => undefined,
      ingest: { broker: { url: '', topicRoot: 'factory' }, embeddedPort: 0 },
    });
    const admin = (await expectOk(backend, 'setup.createFirstAdmin', {
      username: 'admin',
      displayName: 'Admin',
      password: PASSWORD,
    })) as Session;
    const status = await waitFor('the subscriber to connect', async () => {
      const current = (await expectOk(backend, 'ingest.status', {}, admin.token)) as IngestStatus;
      return current.state === 'connected' ? current : undefined;
    });
    const publisher = await connectPublisher(status.brokerUrl, 'pipeline-publisher');
    return new EmbeddedBackend(backend, dataDir, admin, status.brokerUrl, publisher);
  }

  call(
    method: MethodName,
    input: unknown,
    token: string | null = this.admin.token,
  ): Promise<unknown> {
    return expectOk(this.backend, method, input, token);
  }

  async counters(): Promise<Counters> {
    return ((await this.call('ingest.status', {})) as IngestStatus).counters;
  }

  async createUser(username: string, role: Role, lines: string[]): Promise<Session> {
    await this.call('accounts.create', {
      username,
      displayName: username,
      role,
      password: PASSWORD,
      assignments: { lines, machines: [] },
    });
    return (await this.call('auth.login', { username, password: PASSWORD }, null)) as Session;
  }

  /**
   * Publishes at QoS 1 and waits until the backend has committed `expectReceived` more messages
   * (by default all of them); returns what the counters moved by.
   */
  async publishAndDrain(messages: Outgoing[], expectReceived = messages.length): Promise<Counters> {
    const before = await this.counters();
    await Promise.all(
      messages.map(({ topic, payload }) => this.publisher.publishAsync(topic, payload, { qos: 1 })),
    );
    const after = await waitFor(
      `${expectReceived} messages to be committed`,
      async () => {
        const now = await this.counters();
        return now.received >= before.received + expectReceived ? now : undefined;
      },
      { timeoutMs: 20_000, everyMs: 10 },
    );
    return {
      received: after.received - before.received,
      stored: after.stored - before.stored,
      duplicates: after.duplicates - before.duplicates,
      deadLettered: after.deadLettered - before.deadLettered,
    };
  }

  async close(): Promise<void> {
    await this.publisher.endAsync(true);
    await this.backend.close();
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}

async function expectOk(
  backend: Backend,
  method: MethodName,
  input: unknown,
  token: string | null = null,
): Promise<unknown> {
  const result = await backend.call(method, input, token);
  if (!result.ok) throw new Error(`${method} failed: ${JSON.stringify(result.error)}`);
  return result.value;
}
