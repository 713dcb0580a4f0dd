import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { methodNames, methods, type MethodSpec } from '../../../src/shared/contract';
import { API_PREFIX } from '../../../src/shared/http-route';
import { startTestServer, type TestServer } from '../../helpers/test-backend';

type Paths = Record<string, Record<string, { operationId: string; 'x-permission': string }>>;

describe('the API description served by the console', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(() => t.close());

  it('serves /api/openapi.json with one operation per contract method, without a login', async () => {
    const response = await fetch(`${t.url}/api/openapi.json`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const { openapi, paths } = (await response.json()) as { openapi: string; paths: Paths };
    expect(openapi).toMatch(/^3\./);
    const operations = Object.values(paths).flatMap((byVerb) => Object.values(byVerb));
    expect(operations).toHaveLength(methodNames.length);
    const byId = new Map(operations.map((op) => [op.operationId, op]));
    for (const name of methodNames) {
      expect(byId.get(name)?.['x-permission'], name).toBe((methods[name] as MethodSpec).permission);
    }
  });

  it('serves /api/docs as HTML listing every path', async () => {
    const response = await fetch(`${t.url}/api/docs`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await response.text();
    for (const name of methodNames) {
      const path = API_PREFIX + methods[name].http.path.replace(/:([A-Za-z]+)/g, '{$1}');
      expect(html, name).toContain(path);
    }
  });
});
