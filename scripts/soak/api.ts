import {
  ApiErrorBody,
  type MethodInput,
  type MethodName,
  type MethodOutput,
} from '../../src/shared/contract';
import { buildHttpRequest } from '../../src/shared/http-route';
import type { HealthReport } from '../../src/backend/process/health';

export const SOAK_ADMIN = {
  username: 'soak',
  displayName: 'Soak test',
  password: 'soak test admin password 1',
};

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** The contract over REST as the renderer calls it, logged in as the soak's admin. */
export class SoakApi {
  private token = '';

  constructor(readonly baseUrl: string) {}

  async createAdmin(): Promise<void> {
    this.token = (await this.send('setup.createFirstAdmin', SOAK_ADMIN)).token;
  }

  /** One call; a token that has expired meanwhile is replaced by a fresh login once. */
  async call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
    try {
      return await this.send(method, input);
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 401) throw error;
      const { username, password } = SOAK_ADMIN;
      this.token = (await this.send('auth.login', { username, password })).token;
      return this.send(method, input);
    }
  }

  async health(): Promise<{ status: number; body: HealthBody }> {
    const response = await fetch(`${this.baseUrl}/api/health`, {
      signal: AbortSignal.timeout(30_000),
    });
    return { status: response.status, body: (await response.json()) as HealthBody };
  }

  private async send<M extends MethodName>(
    method: M,
    input: MethodInput<M>,
  ): Promise<MethodOutput<M>> {
    const request = buildHttpRequest(method, input);
    const headers: Record<string, string> = { 'Content-Type': 'application/json' };
    if (this.token) headers.Authorization = `Bearer ${this.token}`;
    const response = await fetch(this.baseUrl + request.url, {
      method: request.verb,
      headers,
      body: request.body,
      signal: AbortSignal.timeout(60_000),
    });
    const body: unknown = await response.json();
    if (response.ok) return body as MethodOutput<M>;
    const error = ApiErrorBody.safeParse(body);
    throw new ApiError(
      response.status,
      `${method}: ${response.status} ${error.success ? error.data.message : ''}`,
    );
  }
}

/** What GET /api/health answers (src/backend/process/health.ts). */
export type HealthBody = HealthReport;
