import { request } from 'node:https';
import WebSocket from 'ws';
import type { CallResult } from '../../shared/api-client';
import { ApiErrorBody, type ErrorCode, type MethodName } from '../../shared/contract';
import { buildHttpRequest, LIVE_PATH, STATUS_BY_CODE } from '../../shared/http-route';
import { CertificateChangedError, PinnedAgent } from './pinned-agent';
import { STATION_HEADER } from '../../shared/station-name';

export interface RemoteServer {
  /** `https://host:port` of the Linewatch server. */
  url: string;
  /** The pinned SHA-256 fingerprint of its certificate. */
  fingerprint: string;
  /** This workstation's name, sent with every call and feed (validated by the server). */
  station: string;
  /** A call that takes longer is answered UNAVAILABLE (default 15 s). */
  timeoutMs?: number;
}

/** What the main process relays for one renderer feed: messages in, messages out, the end. */
export interface RemoteLivePeer {
  send(message: unknown): void;
  /** The link to the server is gone (dropped, refused, unreachable): the renderer reconnects. */
  closed(reason: string): void;
}

export interface RemoteLiveLink {
  receive(message: unknown): void;
  /** The renderer closed its feed. */
  closed(): void;
}

/** The workstation side of a Linewatch server: the contract over HTTPS, the feed over WSS. */
export interface RemoteBackend {
  call(method: MethodName, input: unknown, token: string | null): Promise<CallResult>;
  openLive(peer: RemoteLivePeer): RemoteLiveLink;
  close(): void;
}

/**
 * Carries the contract from the desktop's main process to a Linewatch server (workstation
 * mode), trusting only the pinned certificate. It is the same contract the page already
 * speaks over IPC, so main picks this or the local backend and nothing else changes; the
 * renderer's LiveClient does resume and resync over the relayed feed as it does over IPC.
 */
export function createRemoteBackend(server: RemoteServer): RemoteBackend {
  const base = new URL(server.url);
  if (base.protocol !== 'https:') throw new Error('A Linewatch server is reached over https://');
  const agent = new PinnedAgent(server.fingerprint);
  const timeoutMs = server.timeoutMs ?? 15_000;
  const unreachable = (error: Error): CallResult => ({
    ok: false,
    error: {
      code: 'UNAVAILABLE',
      message:
        error instanceof CertificateChangedError
          ? error.message
          : `The Linewatch server at ${base.origin} is unreachable (${error.message})`,
    },
  });

  return {
    call(method, input, token) {
      const shape = buildHttpRequest(method, input);
      const headers: Record<string, string> = {
        Accept: 'application/json',
        [STATION_HEADER]: server.station,
      };
      if (shape.body !== undefined) headers['Content-Type'] = 'application/json';
      if (token) headers.Authorization = `Bearer ${token}`;
      return new Promise<CallResult>((done) => {
        const outgoing = request(
          new URL(shape.url, base),
          { method: shape.verb, headers, agent, timeout: timeoutMs },
          (response) => {
            const chunks: Buffer[] = [];
            response.on('data', (chunk: Buffer) => chunks.push(chunk));
            response.on('error', (error) => done(unreachable(error)));
            response.on('end', () =>
              done(toCallResult(response.statusCode ?? 0, response.headers, Buffer.concat(chunks))),
            );
          },
        );
        outgoing.on('timeout', () => outgoing.destroy(new Error(`no answer in ${timeoutMs} ms`)));
        outgoing.on('error', (error) => done(unreachable(error)));
        outgoing.end(shape.body);
      });
    },

    openLive(peer) {
      const liveUrl = new URL(LIVE_PATH, base);
      liveUrl.protocol = 'wss:';
      const socket = new WebSocket(liveUrl, {
        agent,
        headers: { [STATION_HEADER]: server.station },
        handshakeTimeout: timeoutMs,
      });
      let ended = false;
      const end = (reason: string): void => {
        if (ended) return;
        ended = true;
        peer.closed(reason);
      };
      const pending: string[] = [];
      socket.on('open', () => {
        for (const text of pending.splice(0)) socket.send(text);
      });
      socket.on('message', (data: WebSocket.RawData) => peer.send(parseJson(String(data))));
      socket.on('close', (code, reason) => end(`closed (${code} ${String(reason)})`));
      socket.on('error', (error) => {
        socket.terminate();
        end(error.message);
      });
      return {
        receive(message) {
          const text = JSON.stringify(message);
          if (socket.readyState === WebSocket.OPEN) socket.send(text);
          else if (socket.readyState === WebSocket.CONNECTING) pending.push(text);
        },
        closed() {
          ended = true;
          socket.close();
        },
      };
    },

    close() {
      agent.destroy();
    },
  };
}

function toCallResult(
  status: number,
  headers: Record<string, string | string[] | undefined>,
  body: Buffer,
): CallResult {
  const header = (name: string): string => {
    const value = headers[name];
    return Array.isArray(value) ? (value[0] ?? '') : (value ?? '');
  };
  // Reports come as their bytes; the page expects the contract's file answer (as over IPC).
  if (status >= 200 && status < 300 && header('x-report-id')) {
    return {
      ok: true,
      value: {
        kind: 'file',
        fileName:
          /filename="([^"]+)"/.exec(header('content-disposition'))?.[1] ?? 'linewatch-report',
        contentType: header('content-type') || 'application/octet-stream',
        base64: body.toString('base64'),
        reportId: header('x-report-id'),
        dataSha256: header('x-report-data-sha256'),
      },
    };
  }
  const json = parseJson(body.toString('utf8'));
  if (status >= 200 && status < 300) return { ok: true, value: json };
  const parsed = ApiErrorBody.safeParse(json);
  if (parsed.success) return { ok: false, error: parsed.data };
  return { ok: false, error: { code: codeForStatus(status), message: `HTTP ${status}` } };
}

function codeForStatus(status: number): ErrorCode {
  const match = (Object.entries(STATUS_BY_CODE) as [ErrorCode, number][]).find(
    ([, codeStatus]) => codeStatus === status,
  );
  return match ? match[0] : 'INTERNAL';
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
