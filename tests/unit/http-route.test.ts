import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  Identifier,
  methodNames,
  methods,
  type MethodName,
  type MethodSpec,
} from '../../src/shared/contract';
import {
  API_PREFIX,
  buildHttpRequest,
  matchHttpRoute,
  parseQueryValue,
} from '../../src/shared/http-route';

/**
 * What the console server rebuilds from a request (see api-routes.ts): the route's method,
 * the path parameters, then the query string (GET, DELETE) or the JSON body.
 */
function serverSide(method: MethodName, input: unknown) {
  const request = buildHttpRequest(method, input);
  const url = new URL(request.url, 'http://localhost');
  expect(url.pathname.startsWith(`${API_PREFIX}/`)).toBe(true);
  const route = matchHttpRoute(request.verb, url.pathname.slice(API_PREFIX.length));
  if (route.method === null)
    throw new Error(`${method}: ${request.verb} ${url.pathname} matched nothing`);
  const rebuilt: Record<string, unknown> = {};
  if (request.body === undefined) {
    for (const [key, value] of url.searchParams)
      rebuilt[key] = parseQueryValue(route.method, key, value);
  } else {
    Object.assign(rebuilt, JSON.parse(request.body) as Record<string, unknown>);
  }
  Object.assign(rebuilt, route.params);
  return { method: route.method, params: route.params, rebuilt };
}

const pathParams = (method: MethodName) =>
  [...(methods[method] as MethodSpec).http.path.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1]!);

describe('HTTP routes of the contract', () => {
  it.each(methodNames)('%s travels to the same method with the same input', (method) => {
    const spec = methods[method] as MethodSpec;
    const { method: matched, params, rebuilt } = serverSide(method, spec.example);
    expect(matched).toBe(method);
    const example = spec.example as Record<string, unknown>;
    for (const name of pathParams(method)) expect(params[name]).toBe(String(example[name]));
    expect(spec.input.parse(rebuilt)).toEqual(spec.input.parse(spec.example));
  });

  it('gives every method its own verb and path', () => {
    const routes = methodNames.map((m) => `${methods[m].http.verb} ${methods[m].http.path}`);
    expect(new Set(routes).size).toBe(routes.length);
  });

  it('keeps any path parameter intact through encoding, slashes and spaces included', () => {
    // "." and ".." are dot segments that URLs resolve away; identifiers cannot hold dots.
    const segment = fc.string({ minLength: 1 }).filter((s) => s !== '.' && s !== '..');
    fc.assert(
      fc.property(segment, segment, (lineId, machineId) => {
        const { method, params } = serverSide('plant.saveMachine', { lineId, machineId });
        expect(method).toBe('plant.saveMachine');
        expect(params).toEqual({ lineId, machineId });
      }),
    );
    const { params } = serverSide('plant.saveMachine', {
      lineId: 'line one',
      machineId: 'a/b?c#d',
    });
    expect(params).toEqual({ lineId: 'line one', machineId: 'a/b?c#d' });
    // The contract refuses such identifiers before any handler sees them.
    for (const id of ['line one', 'a/b', '..', '.'])
      expect(Identifier.safeParse(id).success).toBe(false);
  });

  it('keeps query text intact, whatever characters it holds', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 200 }).filter((s) => !/^[[{]/.test(s)),
        (text) => {
          const { rebuilt } = serverSide('events.list', { text, limit: 5 });
          expect(rebuilt).toEqual({ text, limit: '5' });
        },
      ),
    );
  });

  // A search text that happens to be JSON ("[1]", "{}") must stay text.
  it('keeps query text that looks like JSON as text', () => {
    for (const text of ['[1]', '{}', '["a"]']) {
      const { rebuilt } = serverSide('events.list', { text });
      expect(rebuilt).toEqual({ text });
    }
  });

  it('tells an unknown path from a known path with the wrong verb', () => {
    expect(matchHttpRoute('GET', '/nothing-here')).toEqual({ method: null, pathKnown: false });
    expect(matchHttpRoute('DELETE', '/setup')).toEqual({ method: null, pathKnown: true });
    expect(matchHttpRoute('GET', '/accounts/1/extra')).toEqual({ method: null, pathKnown: false });
  });
});
