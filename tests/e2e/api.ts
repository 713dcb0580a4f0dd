import { ApiErrorBody } from '../../src/shared/contract';
import type { MethodInput, MethodName, MethodOutput } from '../../src/shared/contract';
import { buildHttpRequest } from '../../src/shared/http-route';

export interface RawResponse {
  status: number;
  body: unknown;
}

/** One contract call over REST, exactly as the renderer makes it; returns status and body. */
export async function callApiRaw<M extends MethodName>(
  baseUrl: string,
  method: M,
  input: MethodInput<M>,
  token?: string,
): Promise<RawResponse> {
  const request = buildHttpRequest(method, input);
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  const response = await fetch(baseUrl + request.url, {
    method: request.verb,
    headers,
    body: request.body,
  });
  return { status: response.status, body: await response.json() };
}

/** Test set-up through the API; throws with the server's error if the call fails. */
export async function callApi<M extends MethodName>(
  baseUrl: string,
  method: M,
  input: MethodInput<M>,
  token?: string,
): Promise<MethodOutput<M>> {
  const { status, body } = await callApiRaw(baseUrl, method, input, token);
  if (status >= 200 && status < 300) return body as MethodOutput<M>;
  const error = ApiErrorBody.safeParse(body);
  throw new Error(`${method} failed with ${status}: ${error.success ? error.data.message : ''}`);
}

export const ADMIN = {
  username: 'admin',
  displayName: 'Plant Admin',
  password: 'control room admin 1',
};

/** Creates the first admin through the API and returns its token. */
export async function setUpAdmin(baseUrl: string): Promise<string> {
  const session = await callApi(baseUrl, 'setup.createFirstAdmin', ADMIN);
  return session.token;
}
