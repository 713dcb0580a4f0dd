import { z } from 'zod';
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

/** Whether a method's input field takes an array or object (sent as JSON in a query string). */
function fieldTakesJson(method: MethodName, key: string): boolean {
  const input = methods[method].input as z.ZodType;
  if (!(input instanceof z.ZodObject)) return false;
  let field = (input.shape as Record<string, z.ZodType | undefined>)[key];
  while (
    field instanceof z.ZodOptional ||
    field instanceof z.ZodDefault ||
    field instanceof z.ZodNullable
  ) {
    field = field.unwrap() as z.ZodType;
  }
  return (
    field instanceof z.ZodArray || field instanceof z.ZodObject || field instanceof z.ZodRecord
  );
}

/**
 * A query value as the method's input expects it: JSON is decoded only for fields that take
 * arrays or objects (see buildHttpRequest), so search text such as "[1]" stays text.
 */
export function parseQueryValue(method: MethodName, key: string, value: string): unknown {
  if (!fieldTakesJson(method, key)) return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
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
  UNAVAILABLE: 503,
} as const;
