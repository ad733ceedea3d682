import { Module, OnModuleInit } from '@nestjs/common';
import {
  InjectMetric,
  PrometheusModule,
  makeCounterProvider,
  makeHistogramProvider,
} from '@willsoto/nestjs-prometheus';
import { Counter } from 'prom-client';
import { INITIAL_WEBHOOK_RESULTS, SIGNING_SECRETS } from '../common/webhook-outcome';
import {
  HTTP_REQUESTS_TOTAL,
  HTTP_REQUEST_LATENCY_MS,
  LATENCY_BUCKETS_MS,
  WEBHOOK_REQUESTS_TOTAL,
  WEBHOOK_SIGNATURE_MATCHES_TOTAL,
  WHATSAPP_DELIVERIES_TOTAL,
  WHATSAPP_MESSAGES_TOTAL,
  WHATSAPP_STATUSES_TOTAL,
} from './metric-names';
import { MetricsController } from './metrics.controller';
import { RequestObserverMiddleware } from './request-observer.middleware';

/**
 * Serves `GET /metrics` in the Prometheus text format with prom-client's process metrics, and
 * provides `RequestObserverMiddleware`, which `createApp` mounts ahead of every route.
 */
@Module({
  imports: [
    PrometheusModule.register({ path: '/metrics', defaultMetrics: { enabled: true }, controller: MetricsController }),
  ],
  providers: [
    makeCounterProvider({
      name: HTTP_REQUESTS_TOTAL,
      help: 'HTTP requests by route template and status code',
      labelNames: ['path', 'status'],
    }),
    makeHistogramProvider({
      name: HTTP_REQUEST_LATENCY_MS,
      help: 'HTTP request latency in milliseconds, by route template',
      labelNames: ['path'],
      buckets: LATENCY_BUCKETS_MS,
    }),
    makeCounterProvider({
      name: WEBHOOK_REQUESTS_TOTAL,
      help: 'Webhook deliveries by result',
      labelNames: ['result'],
    }),
    makeCounterProvider({
      name: WHATSAPP_DELIVERIES_TOTAL,
      help: 'WhatsApp Cloud API deliveries by result: accepted, or why they were rejected',
      labelNames: ['result'],
    }),
    makeCounterProvider({
      name: WHATSAPP_MESSAGES_TOTAL,
      help: 'Messages in accepted WhatsApp deliveries: created, or duplicate of a stored id',
      labelNames: ['result'],
    }),
    makeCounterProvider({
      name: WHATSAPP_STATUSES_TOTAL,
      help: 'Message statuses seen in WhatsApp deliveries (sent, delivered, read, failed, deleted, other)',
      labelNames: ['status'],
    }),
    makeCounterProvider({
      name: WEBHOOK_SIGNATURE_MATCHES_TOTAL,
      help: 'Verified webhook signatures by the secret that matched: current, or previous during a rotation',
      labelNames: ['secret'],
    }),
    RequestObserverMiddleware,
  ],
  exports: [RequestObserverMiddleware],
})
export class MetricsModule implements OnModuleInit {
  constructor(
    @InjectMetric(WEBHOOK_REQUESTS_TOTAL) private readonly webhookRequests: Counter<'result'>,
    @InjectMetric(WEBHOOK_SIGNATURE_MATCHES_TOTAL) private readonly signatureMatches: Counter<'secret'>,
  ) {}

  onModuleInit(): void {
    for (const result of INITIAL_WEBHOOK_RESULTS) {
      this.webhookRequests.inc({ result }, 0);
    }
    for (const secret of SIGNING_SECRETS) {
      this.signatureMatches.inc({ secret }, 0);
    }
  }
}
