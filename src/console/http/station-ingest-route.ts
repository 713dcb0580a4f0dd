import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Backend } from '../../backend/backend';
import type { ApiErrorBody, StationIngestAnswer } from '../../shared/contract';
import { STATUS_BY_CODE } from '../../shared/http-route';
import { BodyError, readJsonBody } from './read-body';

/**
 * A station posts up to 10,000 results at once: about 2 MB for ordinary results, so the
 * limit is higher than the API's 1 MiB, but still bounded.
 */
export const MAX_INGEST_BODY_BYTES = 16 * 1024 * 1024;

type Send = (response: ServerResponse, status: number, body: unknown) => void;

/** The station key of a request: `X-Api-Key`, or a Bearer token shaped like a station key. */
export function stationKeyOf(request: IncomingMessage): string | null {
  const apiKey = request.headers['x-api-key'];
  if (typeof apiKey === 'string' && apiKey.trim() !== '') return apiKey.trim();
  const match = /^Bearer (lwsk_\S+)$/.exec(request.headers.authorization ?? '');
  return match ? match[1]! : null;
}

/** The login form: `{lineId, payload}`, posted by a logged-in user (ingest.submit). */
function isEnvelope(body: unknown): boolean {
  return (
    typeof body === 'object' &&
    body !== null &&
    !Array.isArray(body) &&
    'lineId' in body &&
    'payload' in body
  );
}

function sendRefusal(send: Send, response: ServerResponse, error: ApiErrorBody): void {
  if (error.retryAfterSeconds) response.setHeader('Retry-After', String(error.retryAfterSeconds));
  send(response, STATUS_BY_CODE[error.code], error);
}

/**
 * POST /ingest and /api/ingest. A station key, a flat result or an array goes to the station
 * route (`ingest.station`); a logged-in user's `{lineId, payload}` to `ingest.submit`, as
 * before. A flat result that is refused answers 400; an array answers 200 with each item's
 * outcome, since some of it may have been stored.
 */
export async function handleIngestPost(
  backend: Backend,
  request: IncomingMessage,
  response: ServerResponse,
  userToken: string | null,
  stationRouteOnly: boolean,
  send: Send,
): Promise<void> {
  const stationKey = stationKeyOf(request);
  let body: unknown;
  try {
    body = await readJsonBody(request, MAX_INGEST_BODY_BYTES);
  } catch (error) {
    if (error instanceof BodyError)
      return send(response, error.status, { code: 'INVALID_INPUT', message: error.message });
    throw error;
  }
  if (!stationRouteOnly && stationKey === null && isEnvelope(body)) {
    const result = await backend.call('ingest.submit', body, userToken);
    return result.ok
      ? send(response, 200, result.value)
      : sendRefusal(send, response, result.error);
  }
  if (typeof body !== 'object' || body === null) {
    return send(response, 400, {
      code: 'INVALID_INPUT',
      message: 'The body must be a test result (a JSON object) or an array of them',
    });
  }
  const result = await backend.call('ingest.station', body, stationKey ?? userToken);
  if (!result.ok) return sendRefusal(send, response, result.error);
  const answer = result.value as StationIngestAnswer;
  const only = answer.items[0];
  if (!Array.isArray(body) && only?.outcome === 'refused') {
    const reason = only.reason ?? 'refused';
    return send(response, 400, {
      code: 'INVALID_INPUT',
      message: `Refused and kept as a dead letter: ${reason}`,
      issues: [{ path: only.field ?? '(input)', message: reason }],
      ...answer,
    });
  }
  send(response, 200, answer);
}
