import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { buildOpenApi, renderApiDocs } from '../../src/console/openapi';
import { methodNames, methods, type MethodSpec } from '../../src/shared/contract';
import { API_PREFIX } from '../../src/shared/http-route';

interface Operation {
  operationId: string;
  'x-permission': string;
  parameters?: { name: string; in: string; required: boolean }[];
  security: unknown[];
}
type Paths = Record<string, Record<string, Operation>>;

const openApiPath = (path: string) => API_PREFIX + path.replace(/:([A-Za-z]+)/g, '{$1}');

describe('the OpenAPI description', () => {
  const openApi = buildOpenApi();
  const paths = openApi.paths as Paths;
  const operations = Object.values(paths).flatMap((byVerb) => Object.values(byVerb));

  it('has exactly one operation per contract method', () => {
    expect(operations).toHaveLength(methodNames.length);
    expect(operations.map((op) => op.operationId).sort()).toEqual([...methodNames].sort());
  });

  it.each(methodNames)('describes %s at its route with its permission', (name) => {
    const spec = methods[name] as MethodSpec;
    const operation = paths[openApiPath(spec.http.path)]?.[spec.http.verb.toLowerCase()];
    expect(operation?.operationId).toBe(name);
    expect(operation?.['x-permission']).toBe(spec.permission);
    const security =
      spec.permission === 'public'
        ? []
        : spec.permission === 'station.ingest'
          ? [{ stationKey: [] }, { bearer: [] }]
          : [{ bearer: [] }];
    expect(operation?.security).toEqual(security);
    const declared = (operation?.parameters ?? []).filter((p) => p.in === 'path');
    const inPath = [...spec.http.path.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1]);
    expect(declared.map((p) => p.name)).toEqual(inPath);
    expect(declared.every((p) => p.required)).toBe(true);
  });

  it('describes the station route with its aliases and its station key header', () => {
    const station = paths[openApiPath('/ingest/station')]?.post as unknown as Record<
      string,
      unknown
    >;
    expect(station['x-aliases']).toEqual(['POST /ingest', 'POST /api/ingest']);
    expect(station.responses).toHaveProperty('429');
    const schemes = (openApi.components as { securitySchemes: Record<string, unknown> })
      .securitySchemes;
    expect(schemes.stationKey).toMatchObject({ type: 'apiKey', in: 'header', name: 'X-Api-Key' });
  });

  it('renders a script-free docs page listing every path and operation', () => {
    const html = renderApiDocs(openApi);
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).not.toMatch(/<script/i);
    for (const name of methodNames) {
      const spec = methods[name] as MethodSpec;
      expect(html).toContain(`<code>${openApiPath(spec.http.path)}</code>`);
      expect(html).toContain(`<code>${name}</code>`);
    }
  });

  it('is a valid OpenAPI 3.1 document by the OpenAPI schema itself', async () => {
    const validator = new Validator();
    const outcome = await validator.validate(structuredClone(openApi));
    expect(validator.version).toBe('3.1');
    expect(outcome.errors ?? []).toEqual([]);
    expect(outcome.valid).toBe(true);
  });
});
