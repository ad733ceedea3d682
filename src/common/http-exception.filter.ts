import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { findDatabaseErrorCode, isDatabaseUnavailable } from '../database/database-errors';

/** Seconds a client should wait before retrying after the database was unavailable. */
const DATABASE_RETRY_AFTER_SECONDS = 1;

/**
 * Writes every error in the contract's shape. HTTP errors keep their status, with their message
 * as `detail` or their own body when it already has `detail`. A database that cannot be written
 * gets 503 with `Retry-After`. Anything else is logged once with its stack and gets a generic
 * 500 that names the request id and nothing internal.
 */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger(HttpExceptionFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();

    // A route may have set another Content-Type (text/plain, say) before failing; errors are JSON.
    response.setHeader('Content-Type', 'application/json; charset=utf-8');

    if (exception instanceof HttpException) {
      response.status(exception.getStatus()).json(toContractBody(exception.getResponse()));
      return;
    }

    const requestId = typeof request.id === 'string' ? request.id : '';
    if (isDatabaseUnavailable(exception)) {
      this.logger.warn({ err: exception, code: findDatabaseErrorCode(exception) }, 'Database unavailable');
      response
        .status(HttpStatus.SERVICE_UNAVAILABLE)
        .setHeader('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS))
        .json({ detail: 'database unavailable, retry later' });
      return;
    }

    this.logger.error({ err: exception }, 'Unhandled error');
    response
      .status(HttpStatus.INTERNAL_SERVER_ERROR)
      .json({ detail: 'internal server error', request_id: requestId });
  }
}

/**
 * Maps an HttpException's response to the contract's body: `{"detail": ...}`. Bodies that
 * already have `detail` are kept as they are; Nest's `{message, error, statusCode}` gives
 * its message.
 */
function toContractBody(response: string | object): object {
  if (typeof response === 'string') {
    return { detail: response };
  }
  if ('detail' in response) {
    return response;
  }

  const message = (response as { message?: unknown }).message;
  if (Array.isArray(message)) {
    return { detail: message.join('; ') };
  }

  return { detail: typeof message === 'string' ? message : 'request failed' };
}
