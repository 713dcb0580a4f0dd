import type { CallResult, Transport } from '../../../shared/api-client';
import { ApiErrorBody, type ErrorCode, type ReportFile } from '../../../shared/contract';
import { buildHttpRequest, STATUS_BY_CODE } from '../../../shared/http-route';
import { bytesToBase64 } from '../lib/base64';
import { LiveClient } from '../../../shared/live/live-client';
import { connectWebSocket } from './live-socket';
import { browserStation } from './station';
import { STATION_HEADER } from '../../../shared/station-name';

const UNREACHABLE: CallResult = {
  ok: false,
  error: { code: 'INTERNAL', message: 'Cannot reach the Linewatch server' },
};

/** Console mode: contract calls as REST requests to the same origin, live updates over WebSocket. */
export function createHttpTransport(): Transport {
  return {
    async call(method, input, token) {
      const request = buildHttpRequest(method, input);
      const headers: Record<string, string> = { Accept: 'application/json' };
      if (request.body !== undefined) headers['Content-Type'] = 'application/json';
      if (token) headers.Authorization = `Bearer ${token}`;
      const station = browserStation();
      if (station) headers[STATION_HEADER] = station;
      let response: Response;
      try {
        response = await fetch(request.url, { method: request.verb, headers, body: request.body });
      } catch {
        return UNREACHABLE;
      }
      if (response.ok && isFileAnswer(response))
        return { ok: true, value: await readFile(response) };
      const body = await readJson(response);
      if (response.ok) return { ok: true, value: body };
      return { ok: false, error: toErrorBody(response.status, body) };
    },
    openLive: (token, topics, onEvent) => new LiveClient(connectWebSocket, token, topics, onEvent),
  };
}

/** Reports come over HTTP as their bytes (a PDF opens in a browser tab as it is). */
function isFileAnswer(response: Response): boolean {
  return response.headers.has('X-Report-Id');
}

/** The bytes and headers of a report file, as the contract's file answer (what IPC carries). */
async function readFile(response: Response): Promise<ReportFile> {
  const disposition = response.headers.get('Content-Disposition') ?? '';
  return {
    kind: 'file',
    fileName: /filename="([^"]+)"/.exec(disposition)?.[1] ?? 'linewatch-report',
    contentType: response.headers.get('Content-Type') ?? 'application/octet-stream',
    base64: bytesToBase64(new Uint8Array(await response.arrayBuffer())),
    reportId: response.headers.get('X-Report-Id') ?? '',
    dataSha256: response.headers.get('X-Report-Data-Sha256') ?? '',
  };
}

async function readJson(response: Response): Promise<unknown> {
  try {
    return (await response.json()) as unknown;
  } catch {
    return undefined;
  }
}

/** A well-formed error body is passed on; anything else (a proxy page, say) is named by status. */
function toErrorBody(status: number, body: unknown): ApiErrorBody {
  const parsed = ApiErrorBody.safeParse(body);
  if (parsed.success) return parsed.data;
  return { code: codeForStatus(status), message: `The server answered with HTTP ${status}` };
}

function codeForStatus(status: number): ErrorCode {
  const match = (Object.entries(STATUS_BY_CODE) as [ErrorCode, number][]).find(
    ([, codeStatus]) => codeStatus === status,
  );
  return match ? match[0] : 'INTERNAL';
}
