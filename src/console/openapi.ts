import { z } from 'zod';
import { methods, type MethodName, type MethodSpec } from '../shared/contract';
import { API_PREFIX } from '../shared/http-route';

type JsonSchema = Record<string, unknown>;

function schemaOf(type: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const schema = z.toJSONSchema(type, { io, unrepresentable: 'any' }) as JsonSchema;
  delete schema.$schema;
  return schema;
}

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/ApiError' } } },
});

/** Logins send a Bearer JWT; the station route takes a station key in either header. */
function securityOf(spec: MethodSpec): Record<string, string[]>[] {
  if (spec.permission === 'public') return [];
  if (spec.permission === 'station.ingest') return [{ stationKey: [] }, { bearer: [] }];
  return [{ bearer: [] }];
}

/** The factory protocol's paths for stations: the same route as /api/ingest/station. */
const STATION_ROUTE = {
  'x-aliases': ['POST /ingest', 'POST /api/ingest'],
  description:
    'Also served at POST /ingest and POST /api/ingest (there, a body of {lineId, payload} with a login goes to ingest.submit instead). ' +
    'An array answers 200 with each item stored, duplicate or refused (with the field and reason); a refused flat body answers 400 with the same items.',
};

/** The OpenAPI 3.1 description of the REST API, generated from the contract alone. */
export function buildOpenApi(): JsonSchema {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const name of Object.keys(methods) as MethodName[]) {
    const spec = methods[name] as MethodSpec;
    const path = API_PREFIX + spec.http.path.replace(/:([A-Za-z]+)/g, '{$1}');
    const pathParams = [...spec.http.path.matchAll(/:([A-Za-z]+)/g)].map((match) => match[1]!);
    const input = schemaOf(spec.input, 'input');
    const properties = (input.properties ?? {}) as Record<string, JsonSchema>;
    const required = new Set((input.required ?? []) as string[]);
    const inQuery = spec.http.verb === 'GET' || spec.http.verb === 'DELETE';
    const parameters = [
      ...pathParams.map((param) => ({
        name: param,
        in: 'path',
        required: true,
        schema: properties[param] ?? {},
      })),
      ...(inQuery
        ? Object.entries(properties)
            .filter(([key]) => !pathParams.includes(key))
            .map(([key, schema]) => ({
              name: key,
              in: 'query',
              required: required.has(key),
              schema,
            }))
        : []),
    ];
    const bodySchema = {
      ...input,
      properties: Object.fromEntries(
        Object.entries(properties).filter(([key]) => !pathParams.includes(key)),
      ),
    };
    paths[path] ??= {};
    paths[path][spec.http.verb.toLowerCase()] = {
      operationId: name,
      summary: spec.summary,
      tags: [name.split('.')[0]],
      'x-permission': spec.permission,
      'x-scope': spec.scope.kind,
      security: securityOf(spec),
      ...(spec.permission === 'station.ingest' ? STATION_ROUTE : {}),
      ...(parameters.length ? { parameters } : {}),
      ...(inQuery
        ? {}
        : {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: bodySchema, example: spec.example } },
            },
          }),
      responses: {
        '200': {
          description: 'OK',
          content: { 'application/json': { schema: schemaOf(spec.output, 'output') } },
        },
        '400': errorResponse('The input does not match the contract; `issues` names each field'),
        '401': errorResponse('No valid token, or the session ended'),
        '403': errorResponse('The role or the scope does not allow it'),
        '423': errorResponse('Account locked, or session idle-locked'),
        ...(spec.permission === 'station.ingest'
          ? {
              '413': errorResponse('The body is over 16 MiB'),
              '429': errorResponse('The key posts too fast; Retry-After says when to come back'),
            }
          : {}),
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Linewatch API',
      version: '1',
      description:
        'The REST face of the Linewatch contract (src/shared/contract). Live updates: WebSocket at /api/live, ' +
        'first message {"type":"subscribe","token":"…","topics":[…]}.',
    },
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
        stationKey: {
          type: 'apiKey',
          in: 'header',
          name: 'X-Api-Key',
          description: 'A station key (lwsk_…); also accepted as Authorization: Bearer <key>',
        },
      },
      schemas: {
        ApiError: {
          type: 'object',
          required: ['code', 'message'],
          properties: {
            code: { type: 'string' },
            message: { type: 'string' },
            retryAfterSeconds: { type: 'integer' },
            issues: {
              type: 'array',
              items: {
                type: 'object',
                properties: { path: { type: 'string' }, message: { type: 'string' } },
              },
            },
          },
        },
      },
    },
    paths,
  };
}

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A static, script-free page that lists every operation of the OpenAPI description. */
export function renderApiDocs(openApi: JsonSchema): string {
  const paths = openApi.paths as Record<string, Record<string, Record<string, unknown>>>;
  const rows = Object.entries(paths)
    .flatMap(([path, operations]) =>
      Object.entries(operations).map(([verb, operation]) => {
        const request = (
          operation.requestBody as { content: Record<string, { schema: unknown }> } | undefined
        )?.content['application/json']?.schema;
        const parameters = operation.parameters as
          { name: string; in: string; required: boolean }[] | undefined;
        return `<section>
  <h2><span class="verb ${verb}">${verb.toUpperCase()}</span> <code>${escapeHtml(path)}</code></h2>
  <p>${escapeHtml(String(operation.summary))}</p>
  <p class="meta">operation <code>${escapeHtml(String(operation.operationId))}</code> · permission <code>${escapeHtml(String(operation['x-permission']))}</code> · scope <code>${escapeHtml(String(operation['x-scope']))}</code></p>
  ${parameters?.length ? `<p class="meta">parameters: ${parameters.map((p) => `<code>${escapeHtml(p.name)}</code> (${p.in}${p.required ? ', required' : ''})`).join(', ')}</p>` : ''}
  ${request ? `<details><summary>request body</summary><pre>${escapeHtml(JSON.stringify(request, null, 2))}</pre></details>` : ''}
</section>`;
      }),
    )
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Linewatch API</title>
<style>
body{font:15px/1.5 system-ui,sans-serif;background:#0f1419;color:#e6edf3;max-width:960px;margin:2rem auto;padding:0 1rem}
a{color:#58a6ff} code{background:#1c2430;padding:1px 4px;border-radius:3px}
section{border:1px solid #2d3a4a;border-radius:6px;padding:0.5rem 1rem;margin:1rem 0;background:#151c24}
h2{font-size:1rem;margin:0.4rem 0} .meta{color:#9aa7b4;font-size:0.9rem} pre{overflow:auto;background:#0b0f14;padding:0.5rem}
.verb{display:inline-block;min-width:4.2em;text-align:center;border-radius:3px;padding:0 4px;color:#0f1419;font-weight:700}
.get{background:#58a6ff}.post{background:#3fb950}.put{background:#d29922}.patch{background:#d29922}.delete{background:#f85149}
</style></head><body>
<h1>Linewatch API</h1>
<p>Generated from the contract. Machine-readable: <a href="/api/openapi.json">/api/openapi.json</a>. Send <code>Authorization: Bearer &lt;token&gt;</code> from <code>POST /api/auth/login</code>.</p>
${rows}
</body></html>`;
}
