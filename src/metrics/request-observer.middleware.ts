import { Inject, Injectable, NestMiddleware } from '@nestjs/common';
import { InjectMetric } from '@willsoto/nestjs-prometheus';
import type { NextFunction, Request, Response } from 'express';
import type pino from 'pino';
import { Counter, Histogram } from 'prom-client';
import { ROOT_LOGGER } from '../common/logging.module';
import { DOCS_PATH, OPENAPI_JSON_PATH } from '../common/openapi';
import { findWebhookOutcome, webhookResultOf } from '../common/webhook-outcome';
import {
  HTTP_REQUESTS_TOTAL,
  HTTP_REQUEST_LATENCY_MS,
  UNMATCHED_ROUTE,
  WEBHOOK_REQUESTS_TOTAL,
  WEBHOOK_SIGNATURE_MATCHES_TOTAL,
  WHATSAPP_DELIVERIES_TOTAL,
  WHATSAPP_MESSAGES_TOTAL,
  WHATSAPP_STATUSES_TOTAL,
} from './metric-names';

/** Maximum length of the request path in a log line. Longer paths are truncated. */
const MAX_LOGGED_PATH_LENGTH = 512;

/**
 * Returns the route template that served the request. Nest serves unknown paths from a
 * catch-all wildcard route, which is reported as `unmatched` like a request no route saw.
 */
function routeTemplateOf(request: Request): string {
  const template = (request.route as { path?: unknown } | undefined)?.path;
  if (typeof template === 'string' && !template.includes('*')) {
    return template;
  }

  // Swagger UI and the OpenAPI document are served outside Nest's router.
  if (request.path === OPENAPI_JSON_PATH) {
    return OPENAPI_JSON_PATH;
  }
  if (request.path === DOCS_PATH || request.path.startsWith(`${DOCS_PATH}/`)) {
    return DOCS_PATH;
  }

  return UNMATCHED_ROUTE;
}

/**
 * Writes one log line and records the metrics for every finished request, including those
 * rejected by the guard, a pipe or the router, since it listens on the response itself.
 */
@Injectable()
export class RequestObserverMiddleware implements NestMiddleware {
  constructor(
    @Inject(ROOT_LOGGER) private readonly logger: pino.Logger,
    @InjectMetric(HTTP_REQUESTS_TOTAL) private readonly requests: Counter<'path' | 'status'>,
    @InjectMetric(HTTP_REQUEST_LATENCY_MS) private readonly latency: Histogram<'path'>,
    @InjectMetric(WEBHOOK_REQUESTS_TOTAL) private readonly webhookRequests: Counter<'result'>,
    @InjectMetric(WEBHOOK_SIGNATURE_MATCHES_TOTAL) private readonly signatureMatches: Counter<'secret'>,
    @InjectMetric(WHATSAPP_DELIVERIES_TOTAL) private readonly whatsappDeliveries: Counter<'result'>,
    @InjectMetric(WHATSAPP_MESSAGES_TOTAL) private readonly whatsappMessages: Counter<'result'>,
    @InjectMetric(WHATSAPP_STATUSES_TOTAL) private readonly whatsappStatuses: Counter<'status'>,
  ) {}

  use(request: Request, response: Response, next: NextFunction): void {
    const startedAt = performance.now();
    response.once('finish', () => this.observe(request, response, startedAt));
    next();
  }

  private observe(request: Request, response: Response, startedAt: number): void {
    const latencyMs = performance.now() - startedAt;
    const route = routeTemplateOf(request);
    const status = response.statusCode;

    this.requests.inc({ path: route, status: String(status) });
    this.latency.observe({ path: route }, latencyMs);

    // 503 is a known temporary state (no secret, database unavailable) in which the client
    // should retry, not a fault in the service.
    let level: 'info' | 'warn' | 'error' = 'info';
    if (status === 503) {
      level = 'warn';
    } else if (status >= 500) {
      level = 'error';
    }
    const logged = this.logger.isLevelEnabled(level);
    const line: Record<string, unknown> = logged
      ? {
          request_id: request.id,
          method: request.method,
          path: request.originalUrl.split('?')[0].slice(0, MAX_LOGGED_PATH_LENGTH),
          status,
          latency_ms: Math.round(latencyMs * 1000) / 1000,
        }
      : {};

    const outcome = findWebhookOutcome(request);
    if (outcome?.whatsapp !== undefined) {
      const whatsapp = outcome.whatsapp;
      const result = status === 200 ? 'accepted' : webhookResultOf(status, outcome);
      this.whatsappDeliveries.inc({ result });
      this.whatsappMessages.inc({ result: 'created' }, whatsapp.messagesCreated);
      this.whatsappMessages.inc({ result: 'duplicate' }, whatsapp.messagesDuplicate);
      for (const statusName of whatsapp.statuses) {
        this.whatsappStatuses.inc({ status: statusName });
      }
      Object.assign(line, {
        result,
        messages_created: whatsapp.messagesCreated,
        messages_duplicate: whatsapp.messagesDuplicate,
        statuses: whatsapp.statuses.length,
      });
    } else if (outcome !== undefined) {
      const result = webhookResultOf(status, outcome);
      this.webhookRequests.inc({ result });
      if (outcome.signingSecret !== undefined) {
        this.signatureMatches.inc({ secret: outcome.signingSecret });
      }
      if (outcome.messageId !== undefined) {
        line.message_id = outcome.messageId;
      }
      line.dup = result === 'duplicate';
      line.result = result;
    }

    if (logged) {
      this.logger[level](line, level === 'info' ? 'request completed' : 'request failed');
    }
  }
}
