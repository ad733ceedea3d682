export const HTTP_REQUESTS_TOTAL = 'http_requests_total';
export const HTTP_REQUEST_LATENCY_MS = 'http_request_latency_ms';
export const WEBHOOK_REQUESTS_TOTAL = 'webhook_requests_total';
export const WEBHOOK_SIGNATURE_MATCHES_TOTAL = 'webhook_signature_matches_total';
export const WHATSAPP_DELIVERIES_TOTAL = 'whatsapp_deliveries_total';
export const WHATSAPP_MESSAGES_TOTAL = 'whatsapp_messages_total';
export const WHATSAPP_STATUSES_TOTAL = 'whatsapp_statuses_total';

/** Latency histogram buckets, in milliseconds. */
export const LATENCY_BUCKETS_MS = [1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000];

/** The `path` label of requests that matched no route, so raw URLs never become labels. */
export const UNMATCHED_ROUTE = 'unmatched';
