import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Backend } from '../../backend/backend';
import type { ApiErrorBody, ReportFile } from '../../shared/contract';
import { parseStationName, STATION_HEADER } from '../../shared/station-name';
import {
  API_PREFIX,
  STATUS_BY_CODE,
  matchHttpRoute,
  parseQueryValue,
} from '../../shared/http-route';
import { buildOpenApi, renderApiDocs } from '../openapi';
import { BodyError, readJsonBody } from './read-body';
import { handleIngestPost, stationKeyOf } from './station-ingest-route';
import type { AttemptLimiter } from './security';

const RATE_LIMITED_METHODS = new Set(['auth.login', 'setup.createFirstAdmin', 'auth.unlock']);

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'Content-Length': Buffer.byteLength(text),
  });
  response.end(text);
}

/**
 * A report file goes out as its bytes. PDF and HTML open in the browser, the rest download.
 * The HTML is data-only: its own policy forbids any script or fetch, whatever a hostile
 * machine name might try.
 */
function sendFile(response: ServerResponse, file: ReportFile): void {
  const bytes = Buffer.from(file.base64, 'base64');
  const inline =
    file.contentType.startsWith('application/pdf') || file.contentType.startsWith('text/html');
  response.writeHead(200, {
    'Content-Type': file.contentType,
    'Content-Length': bytes.length,
    'Cache-Control': 'no-store',
    'Content-Disposition': `${inline ? 'inline' : 'attachment'}; filename="${file.fileName}"`,
    'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:",
    'X-Report-Id': file.reportId,
    'X-Report-Data-Sha256': file.dataSha256,
  });
  response.end(bytes);
}

function isReportFile(value: unknown): value is ReportFile {
  return (
    typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'file'
  );
}

function sendError(response: ServerResponse, status: number, error: ApiErrorBody): void {
  sendJson(response, status, error);
}

function bearerToken(request: IncomingMessage): string | null {
  const header = request.headers.authorization ?? '';
  const match = /^Bearer ([A-Za-z0-9._-]+)$/.exec(header);
  return match ? match[1]! : null;
}

/** Serves /api/...: the contract's methods, and its OpenAPI description and docs page. */
export function createApiRoutes(backend: Backend, limiter: AttemptLimiter) {
  const openApi = buildOpenApi();
  const docsPage = renderApiDocs(openApi);

  return async function handleApi(
    request: IncomingMessage,
    response: ServerResponse,
    url: URL,
  ): Promise<void> {
    if (url.pathname === `${API_PREFIX}/openapi.json` && request.method === 'GET') {
      return sendJson(response, 200, openApi);
    }
    // For a service monitor: no login, no plant data; 503 when something is wrong.
    if (url.pathname === `${API_PREFIX}/health` && request.method === 'GET') {
      const health = await backend.health();
      return sendJson(response, health.healthy ? 200 : 503, health);
    }
    if (url.pathname === `${API_PREFIX}/docs` && request.method === 'GET') {
      response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      response.end(docsPage);
      return;
    }
    const belowApi = url.pathname.slice(API_PREFIX.length);
    if (request.method === 'POST' && (belowApi === '/ingest' || belowApi === '/ingest/station')) {
      return handleIngestPost(
        backend,
        request,
        response,
        bearerToken(request),
        belowApi === '/ingest/station',
        sendJson,
      );
    }
    const route = matchHttpRoute(request.method ?? 'GET', belowApi);
    if (route.method === null) {
      const status = route.pathKnown ? 405 : 404;
      return sendError(response, status, {
        code: 'NOT_FOUND',
        message: route.pathKnown
          ? `${request.method} is not allowed here`
          : `No API route ${url.pathname}`,
      });
    }
    if (RATE_LIMITED_METHODS.has(route.method)) {
      const client = request.socket.remoteAddress ?? 'unknown';
      if (!limiter.allow(client)) {
        response.setHeader('Retry-After', '60');
        return sendError(response, 429, {
          code: 'RATE_LIMITED',
          message: 'Too many attempts from this address; wait a minute',
        });
      }
    }
    // The operator station the call comes from, recorded with logins and actions.
    const station = parseStationName(request.headers[STATION_HEADER.toLowerCase()]);
    if (!station.ok)
      return sendError(response, 400, { code: 'INVALID_INPUT', message: station.message });
    let input: Record<string, unknown>;
    try {
      if (request.method === 'GET' || request.method === 'DELETE') {
        input = {};
        for (const [key, value] of url.searchParams)
          input[key] = parseQueryValue(route.method, key, value);
      } else {
        const body = await readJsonBody(request);
        if (typeof body !== 'object' || body === null || Array.isArray(body)) {
          return sendError(response, 400, {
            code: 'INVALID_INPUT',
            message: 'The body must be a JSON object',
          });
        }
        input = { ...(body as Record<string, unknown>) };
      }
    } catch (error) {
      if (error instanceof BodyError) {
        return sendError(response, error.status, { code: 'INVALID_INPUT', message: error.message });
      }
      throw error;
    }
    Object.assign(input, route.params);
    // A station key sent here is passed on, so the dispatcher refuses it by name and logs it.
    const result = await backend.call(
      route.method,
      input,
      bearerToken(request) ?? stationKeyOf(request),
      request.socket.remoteAddress ?? 'unknown',
      station.station,
    );
    if (result.ok && route.method === 'reports.build' && isReportFile(result.value)) {
      return sendFile(response, result.value);
    }
    if (result.ok) return sendJson(response, 200, result.value);
    return sendError(response, STATUS_BY_CODE[result.error.code], result.error);
  };
}
