import { randomBytes } from 'node:crypto';
import type { CallResult } from '../../shared/api-client';
import type { MethodName } from '../../shared/contract';
import type { RemoteBackend, RemoteLiveLink, RemoteLivePeer } from './remote-backend';

/** Handles kept: a page renews its token every few minutes, so this spans hours. */
const MAX_HANDLES = 64;
const PREFIX = 'lw-handle-';

/**
 * The server's token stays in the main process (issue 13: "the token stays out of the page").
 * Wherever the server answers a token (login, first admin, refresh, unlock), the page gets an
 * opaque handle instead: random, meaningless outside this process, and no bearer token for
 * the server. Every call and live message the page sends with a handle goes to the server with
 * the real token. The page's contract does not change: it stores and sends "a token" as before.
 */
export class SessionHandles {
  /** handle → the server's token, oldest first (insertion order) for eviction. */
  private readonly tokens = new Map<string, string>();

  /** A new handle for a token the server issued. */
  issue(token: string): string {
    const handle = PREFIX + randomBytes(24).toString('base64url');
    this.tokens.set(handle, token);
    while (this.tokens.size > MAX_HANDLES) {
      const oldest = this.tokens.keys().next().value;
      if (oldest === undefined) break;
      this.tokens.delete(oldest);
    }
    return handle;
  }

  /**
   * The server's token for a handle. Anything else the page sends (nothing, or a string that
   * is no handle of ours) goes on unchanged, and the server refuses it as it would any bad token.
   */
  resolve(handle: string | null): string | null {
    return handle === null ? null : (this.tokens.get(handle) ?? handle);
  }

  forget(handle: string | null): void {
    if (handle !== null) this.tokens.delete(handle);
  }

  /** The remote backend as the page may see it: handles in, handles out, tokens never. */
  guard(remote: RemoteBackend): RemoteBackend {
    return {
      call: async (method: MethodName, input: unknown, handle: string | null) => {
        const result = await remote.call(method, input, this.resolve(handle));
        if (method === 'auth.logout' && result.ok) this.forget(handle);
        return this.withHandle(result);
      },
      openLive: (peer: RemoteLivePeer): RemoteLiveLink => {
        const link = remote.openLive(peer);
        return {
          // The subscribe message and every renewal carry the page's handle.
          receive: (message) => link.receive(this.withToken(message)),
          closed: () => link.closed(),
        };
      },
      close: () => {
        this.tokens.clear();
        remote.close();
      },
    };
  }

  private withHandle(result: CallResult): CallResult {
    if (!result.ok || !isRecord(result.value) || typeof result.value.token !== 'string')
      return result;
    return { ok: true, value: { ...result.value, token: this.issue(result.value.token) } };
  }

  private withToken(message: unknown): unknown {
    if (!isRecord(message) || typeof message.token !== 'string') return message;
    return { ...message, token: this.resolve(message.token) };
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
