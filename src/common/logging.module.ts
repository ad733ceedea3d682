import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { APP_CONFIG, AppConfig } from '../config/app-config';

// Client-supplied request ids are reused only when short and plain, so they cannot inject
// anything into log lines or headers.
const REQUEST_ID_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;

/** Reuses a well-formed `X-Request-Id`, otherwise makes one, and returns it as `X-Request-Id`. */
export function assignRequestId(request: IncomingMessage, response: ServerResponse): string {
  const incoming = request.headers['x-request-id'];
  const requestId = typeof incoming === 'string' && REQUEST_ID_PATTERN.test(incoming) ? incoming : randomUUID();
  response.setHeader('X-Request-Id', requestId);

  return requestId;
}

/**
 * JSON logs on stdout through pino: `ts` as ISO-8601, `level` as a name, `request_id` on every
 * line written while a request is handled. The per-request line is written by
 * `RequestObserverMiddleware`, so pino-http's own request logging is off.
 */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        pinoHttp: {
          level: config.logLevel,
          messageKey: 'msg',
          timestamp: () => `,"ts":"${new Date().toISOString()}"`,
          formatters: { level: (label: string) => ({ level: label }) },
          // Query parameters of a failed statement can contain message texts.
          redact: {
            paths: ['req.headers["x-signature"]', 'req.headers.authorization', 'err.parameters'],
            censor: '[redacted]',
          },
          genReqId: assignRequestId,
          customAttributeKeys: { reqId: 'request_id' },
          quietReqLogger: true,
          autoLogging: false,
        },
      }),
    }),
  ],
})
export class LoggingModule {}
