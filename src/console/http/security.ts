import type { ServerResponse } from 'node:http';
import { isIP } from 'node:net';
import { CONTENT_SECURITY_POLICY } from '../../shared/csp';

/** Headers every response carries in console mode. */
export function setSecurityHeaders(response: ServerResponse): void {
  response.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.setHeader('X-Frame-Options', 'DENY');
  response.setHeader('Referrer-Policy', 'no-referrer');
  response.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  response.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  response.setHeader('Permissions-Policy', 'camera=(), microphone=(), geolocation=()');
}

/**
 * Counts attempts per key (client address) in a sliding minute; used for login, setup and
 * unlock so passwords cannot be guessed at network speed.
 */
export class AttemptLimiter {
  private readonly attempts = new Map<string, number[]>();

  constructor(
    private readonly maxPerWindow: number,
    private readonly windowMs = 60_000,
    // Monotonic: a wall-clock step must not free a guesser early or lock a user out longer.
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Records an attempt; false when the key is over its budget. */
  allow(key: string): boolean {
    const now = this.now();
    const recent = (this.attempts.get(key) ?? []).filter((at) => now - at < this.windowMs);
    if (recent.length >= this.maxPerWindow) {
      this.attempts.set(key, recent);
      return false;
    }
    recent.push(now);
    this.attempts.set(key, recent);
    if (this.attempts.size > 10_000) this.attempts.clear();
    return true;
  }
}

/** Names every console server answers to, whatever it is bound to. */
const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '::1'];

/**
 * The Host header check against DNS rebinding: a page on attacker.example whose name is made
 * to resolve to this server would otherwise reach setup and login from the user's browser.
 * Accepted: the loopback names, the bound host, names given with `--allowed-host`, and any IP
 * address literal (a rebinding attack needs a DNS name; an address is what it resolves to).
 * Returns null when the request may go on, else the reason to refuse it.
 */
export function createHostCheck(
  boundHost: string,
  allowedHosts: readonly string[] = [],
): (hostHeader: string | undefined) => string | null {
  const names = new Set(
    [...LOOPBACK_NAMES, boundHost, ...allowedHosts].map((name) => normalizeHost(name)),
  );
  return (hostHeader) => {
    if (!hostHeader) return 'the request has no Host header';
    const name = hostnameOf(hostHeader);
    if (name === null) return `the Host header "${hostHeader.slice(0, 100)}" is not a host name`;
    if (names.has(name) || isIpLiteral(name)) return null;
    return `this server does not answer to the name "${name}"; start it with --allowed-host ${name} if that name is meant to reach it`;
  };
}

function normalizeHost(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/\.$/, '');
}

/** The name part of a Host header (no port, IPv6 without brackets), or null if malformed. */
function hostnameOf(header: string): string | null {
  try {
    const url = new URL(`http://${header.trim()}`);
    if (url.username || url.password || url.pathname !== '/' || url.search) return null;
    return normalizeHost(url.hostname);
  } catch {
    return null;
  }
}

function isIpLiteral(name: string): boolean {
  return isIP(name) !== 0;
}
