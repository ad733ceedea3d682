import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

/** Path of the interactive documentation; the JSON document is at `OPENAPI_JSON_PATH`. */
export const DOCS_PATH = '/docs';
export const OPENAPI_JSON_PATH = '/openapi.json';

function packageVersion(): string {
  const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string };

  return manifest.version;
}

/** Builds the OpenAPI 3 document from the controllers and DTOs. */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Message service')
    .setDescription(
      'Receives HMAC-signed message webhooks, stores each message once, and serves them back. ' +
        'Errors have a JSON body with detail, and every response carries X-Request-Id.',
    )
    .setVersion(packageVersion())
    .addApiKey(
      {
        type: 'apiKey',
        in: 'header',
        name: 'X-Signature',
        description:
          'Hex HMAC-SHA256 of the exact request body bytes, keyed with WEBHOOK_SECRET; upper- or ' +
          'lower-case, optionally prefixed with sha256=. See docs/signature.md.',
      },
      'hmac-signature',
    )
    .build();

  return SwaggerModule.createDocument(app, config);
}

/** Serves the document at `/openapi.json` and Swagger UI at `/docs`, from local assets. */
export function serveOpenApi(app: INestApplication): void {
  SwaggerModule.setup(DOCS_PATH.slice(1), app, buildOpenApiDocument(app), {
    jsonDocumentUrl: OPENAPI_JSON_PATH.slice(1),
    raw: ['json'],
  });
}
