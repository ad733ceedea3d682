import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Global, LoggerService, Module } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { LoggerModule } from 'nestjs-pino';
import pino, { LoggerOptions } from 'pino';
import { APP_CONFIG, AppConfig, LogLevel } from '../config/app-config';

// Client-supplied request ids are reused only when short and plain, so they cannot inject
// anything into log lines or headers.
const REQUEST_ID_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;

/** Reuses a well-formed `X-Request-Id`, otherwise makes one, and returns it as `X-Request-Id`. */
export function assignRequestId(request: IncomingMessage, response: ServerResponse): string {
  if (typeof request.id === 'string') {
    return request.id;
  }
  const incoming = request.headers['x-request-id'];
  const requestId = typeof incoming === 'string' && REQUEST_ID_PATTERN.test(incoming) ? incoming : randomUUID();
  request.id = requestId;
  response.setHeader('X-Request-Id', requestId);

  return requestId;
}

/** Token of the service's root pino logger. */
export const ROOT_LOGGER = Symbol('ROOT_LOGGER');

/** The id of the request being handled, in the asynchronous context of its handling. */
const currentRequestId = new AsyncLocalStorage<string>();

/**
 * Express middleware that gives every request its id before any route matching, so even a
 * request whose path cannot be decoded gets `X-Request-Id`, a log line and its metrics. The rest
 * of the request runs with the id as `currentRequestId`, which every log line written meanwhile
 * carries as `request_id`.
 */
export function requestContextMiddleware(request: Request, response: Response, next: NextFunction): void {
  currentRequestId.run(assignRequestId(request, response), next);
}

/** pino options shared by every logger of the service: JSON lines, ISO `ts`, level names. */
export function pinoOptions(level: LogLevel): LoggerOptions {
  return {
    level,
    messageKey: 'msg',
    timestamp: () => `,"ts":"${new Date().toISOString()}"`,
    formatters: { level: (label: string) => ({ level: label }) },
    // Reading the id when a line is written costs nothing on requests that write no line, where
    // a child logger per request would be built for every one.
    mixin: () => {
      const requestId = currentRequestId.getStore();

      return requestId === undefined ? {} : { request_id: requestId };
    },
    // Query parameters of a failed statement can contain message texts.
    redact: {
      paths: ['req.headers["x-signature"]', 'req.headers.authorization', 'err.parameters'],
      censor: '[redacted]',
    },
  };
}

/**
 * A Nest logger that writes the same JSON lines before the application's own logger is ready,
 * so start-up messages and start-up failures are JSON too.
 */
export class BootstrapLogger implements LoggerService {
  private readonly logger: pino.Logger;

  constructor(level: LogLevel) {
    this.logger = pino(pinoOptions(level));
  }

  log(message: unknown, context?: string): void {
    this.logger.info({ context }, String(message));
  }

  warn(message: unknown, context?: string): void {
    this.logger.warn({ context }, String(message));
  }

  debug(message: unknown, context?: string): void {
    this.logger.debug({ context }, String(message));
  }

  verbose(message: unknown, context?: string): void {
    this.logger.trace({ context }, String(message));
  }

  error(message: unknown, stackOrContext?: string, context?: string): void {
    const hasStack = context !== undefined;
    this.logger.error({ context: hasStack ? context : stackOrContext, stack: hasStack ? stackOrContext : undefined }, String(message));
  }

  fatal(message: unknown, context?: string): void {
    this.logger.fatal({ context }, String(message));
  }
}

/** Provides the root pino logger to every module. */
@Global()
@Module({
  providers: [{ provide: ROOT_LOGGER, inject: [APP_CONFIG], useFactory: (config: AppConfig) => pino(pinoOptions(config.logLevel)) }],
  exports: [ROOT_LOGGER],
})
class RootLoggerModule {}

/**
 * JSON logs on stdout through pino: `ts` as ISO-8601, `level` as a name, `request_id` on every
 * line written while a request is handled. `requestContextMiddleware` opens each request's
 * logging context and `RequestObserverMiddleware` writes the per-request line, so nestjs-pino
 * mounts no middleware of its own (`useExisting` with no routes). Its pino-http middleware would
 * serialise the whole request into a child logger on every request, even when nothing is logged.
 */
@Module({
  imports: [
    RootLoggerModule,
    LoggerModule.forRootAsync({
      inject: [ROOT_LOGGER],
      useFactory: (root: pino.Logger) => ({ pinoHttp: { logger: root }, useExisting: true, forRoutes: [] }),
    }),
  ],
})
export class LoggingModule {}
