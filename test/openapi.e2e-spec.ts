import SwaggerParser from '@apidevtools/swagger-parser';
import packageJson from '../package.json';
import Ajv from 'ajv';
import request from 'supertest';
import { sign, startTestApp, TestApp } from './support/test-app';

type Schema = Record<string, unknown>;
type Operation = {
  parameters?: { name: string; in: string; example?: unknown }[];
  requestBody?: { content: Record<string, { examples?: Record<string, { value: unknown }>; example?: unknown }> };
  responses: Record<string, { content?: Record<string, { schema?: Schema; example?: unknown }> }>;
  security?: Record<string, string[]>[];
};

/** Rewrites OpenAPI 3.0 `nullable: true` into JSON Schema, which Ajv understands. */
function toJsonSchema(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(toJsonSchema);
  }
  if (typeof value !== 'object' || value === null) {
    return value;
  }

  const converted: Schema = {};
  for (const [key, child] of Object.entries(value)) {
    if (key !== 'nullable' && key !== 'example') {
      converted[key] = toJsonSchema(child);
    }
  }
  const schema = value as Schema;
  if (schema.nullable === true && typeof schema.type === 'string') {
    converted.type = [schema.type, 'null'];
    if (Array.isArray(converted.enum)) {
      converted.enum = [...converted.enum, null];
    }
  }

  return converted;
}

describe('OpenAPI document', () => {
  let service: TestApp;
  let document: { paths: Record<string, Record<string, Operation>>; components: Record<string, unknown>; info: { version: string } };
  let ajv: Ajv;

  beforeAll(async () => {
    service = await startTestApp();
    document = (await request(service.url).get('/openapi.json').expect(200)).body;
    ajv = new Ajv({ strict: false, allErrors: true });
    ajv.addSchema({ $id: 'openapi', components: toJsonSchema(document.components) });
  });

  afterAll(async () => {
    await service.close();
  });

  function validate(schema: Schema | undefined, body: unknown): string[] {
    if (schema === undefined) {
      return [];
    }
    const resolved = JSON.parse(JSON.stringify(toJsonSchema(schema)).replaceAll('"#/components/', '"openapi#/components/'));
    const check = ajv.compile(resolved);

    return check(body) ? [] : (check.errors ?? []).map((error) => `${error.instancePath} ${error.message}`);
  }

  it('is valid OpenAPI 3 with the package version', async () => {
    await expect(SwaggerParser.validate(structuredClone(document) as never)).resolves.toBeDefined();
    expect(document.info.version).toBe(packageJson.version);
  });

  it('lists every endpoint', () => {
    expect(Object.keys(document.paths).sort()).toEqual(['/health/live', '/health/ready', '/messages', '/metrics', '/stats', '/webhook']);
  });

  it('has response examples that match their own schemas', () => {
    for (const [path, operations] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        for (const [status, response] of Object.entries(operation.responses)) {
          const json = response.content?.['application/json'];
          if (json?.example !== undefined) {
            expect({ at: `${method} ${path} ${status}`, problems: validate(json.schema, json.example) }).toEqual({
              at: `${method} ${path} ${status}`,
              problems: [],
            });
          }
        }
      }
    }
  });

  it('answers every documented request example as documented', async () => {
    let sent = 0;
    for (const [path, operations] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        const query = (operation.parameters ?? [])
          .filter((parameter) => parameter.in === 'query' && parameter.example !== undefined)
          .map((parameter) => `${parameter.name}=${encodeURIComponent(String(parameter.example))}`)
          .join('&');
        const target = query === '' ? path : `${path}?${query}`;
        const bodyExamples = operation.requestBody?.content['application/json']?.examples;
        const bodies = bodyExamples === undefined ? [undefined] : Object.values(bodyExamples).map((example) => example.value);

        for (const body of bodies) {
          const raw = body === undefined ? undefined : JSON.stringify(body);
          const pending = method === 'post' ? request(service.url).post(target) : request(service.url).get(target);
          if (raw !== undefined) {
            pending.set('Content-Type', 'application/json').serialize((bytes: unknown) => bytes as string).send(raw);
          }
          if (raw !== undefined && operation.security?.some((scheme) => 'hmac-signature' in scheme)) {
            pending.set('X-Signature', sign(raw));
          }
          const response = await pending;
          sent += 1;

          const documented = operation.responses[String(response.status)];
          expect({ at: `${method} ${target}`, status: response.status, documented: documented !== undefined }).toEqual({
            at: `${method} ${target}`,
            status: response.status,
            documented: true,
          });
          const schema = documented.content?.['application/json']?.schema;
          expect({ at: `${method} ${target}`, problems: validate(schema, response.body) }).toEqual({
            at: `${method} ${target}`,
            problems: [],
          });
        }
      }
    }

    expect(sent).toBeGreaterThanOrEqual(8);
  });

  it('serves Swagger UI at /docs', async () => {
    const response = await request(service.url).get('/docs').expect(200);

    expect(response.text).toContain('Swagger UI');
  });
});
