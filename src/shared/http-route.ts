import { methods, type MethodName } from './contract/methods';

/**
 * How a contract method travels over HTTP in console mode. One rule for client and server:
 * `:name` segments of the path take input fields; GET and DELETE put the rest in the query
 * string, other verbs in a JSON body.
 */
export interface HttpRequestShape {
  verb: string;
  url: string;
  body: string | undefined;
}

export const API_PREFIX = '/api';
export const LIVE_PATH = '/api/live';

export function buildHttpRequest(method: MethodName, input: unknown): HttpRequestShape {
  const { verb, path } = methods[method].http;
  const rest: Record<string, unknown> = { ...((input ?? {}) as Record<string, unknown>) };
  const filledPath = path.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    const value = rest[name];
    delete rest[name];
    return encodeURIComponent(String(value ?? ''));
  });
  const url = API_PREFIX + filledPath;
  if (verb === 'GET' || verb === 'DELETE') {
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(rest)) {
      if (value === undefined || value === null) continue;
      query.set(key, typeof value === 'object' ? JSON.stringify(value) : String(value));
    }
    const qs = query.toString();
    return { verb, url: qs ? `${url}?${qs}` : url, body: undefined };
  }
  return { verb, url, body: JSON.stringify(rest) };
}

interface CompiledRoute {
  method: MethodName;
  verb: string;
  pattern: RegExp;
  params: string[];
}

const compiled: CompiledRoute[] = (Object.keys(methods) as MethodName[]).map((method) => {
  const { verb, path } = methods[method].http;
  const params: string[] = [];
  const source = path
    .split('/')
    .map((segment) => {
      if (segment.startsWith(':')) {
        params.push(segment.slice(1));
        return '([^/]+)';
      }
      return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('/');
  return { method, verb, pattern: new RegExp(`^${source}$`), params };
});

/** Finds the method for a verb and a path below /api, with the path's parameters. */
export function matchHttpRoute(
  verb: string,
  pathBelowApi: string,
): { method: MethodName; params: Record<string, string> } | { method: null; pathKnown: boolean } {
  let pathKnown = false;
  for (const route of compiled) {
    const match = route.pattern.exec(pathBelowApi);
    if (!match) continue;
    pathKnown = true;
    if (route.verb !== verb) continue;
    const params: Record<string, string> = {};
    route.params.forEach((name, i) => {
      params[name] = decodeURIComponent(match[i + 1] ?? '');
    });
    return { method: route.method, params };
  }
  return { method: null, pathKnown };
}

/** Query values that look like JSON arrays or objects are parsed back (see buildHttpRequest). */
export function parseQueryValue(value: string): unknown {
  if (value.startsWith('{') || value.startsWith('[')) {
    try {
      return JSON.parse(value) as unknown;
    } catch {
      return value;
    }
  }
  return value;
}

/** The HTTP status for each contract error code. */
export const STATUS_BY_CODE = {
  INVALID_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  ACCOUNT_LOCKED: 423,
  SESSION_LOCKED: 423,
  RATE_LIMITED: 429,
  INTERNAL: 500,
} as const;
