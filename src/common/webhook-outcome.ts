import type { Request } from 'express';

/** Result of one webhook request, as reported in its log line and in `webhook_requests_total`. */
export type WebhookResult =
  | 'created'
  | 'duplicate'
  | 'invalid_signature'
  | 'validation_error'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'unavailable'
  | 'error';

/** Results that `webhook_requests_total` exports from start-up, at zero until they happen. */
export const INITIAL_WEBHOOK_RESULTS: readonly WebhookResult[] = [
  'created',
  'duplicate',
  'invalid_signature',
  'validation_error',
];

/** Facts the webhook handlers learn about a request, kept on the request until it ends. */
export interface WebhookOutcome {
  messageId?: string;
  /** Set once the message is stored: true when the id was already there. */
  duplicate?: boolean;
  /** The configured secret that verified the signature. */
  signingSecret?: SigningSecret;
  /** Set on `POST /webhook/whatsapp`: what its envelope carried and how it was stored. */
  whatsapp?: WhatsAppOutcome;
}

/** Counts of one WhatsApp Cloud API delivery. */
export interface WhatsAppOutcome {
  messagesCreated: number;
  messagesDuplicate: number;
  /** The `status` of each entry of `value.statuses[]`: sent, delivered, read, failed or other. */
  statuses: string[];
}

/** `current` is `WEBHOOK_SECRET`; `previous` is one of `WEBHOOK_SECRET_PREVIOUS`. */
export type SigningSecret = 'current' | 'previous';
export const SIGNING_SECRETS: readonly SigningSecret[] = ['current', 'previous'];

const OUTCOME_KEY = Symbol('webhookOutcome');

type RequestWithOutcome = Request & { [OUTCOME_KEY]?: WebhookOutcome };

/** Marks `request` as a webhook delivery and returns its outcome record for the handlers to fill. */
export function webhookOutcomeOf(request: Request): WebhookOutcome {
  const tagged = request as RequestWithOutcome;
  tagged[OUTCOME_KEY] ??= {};

  return tagged[OUTCOME_KEY];
}

/** Returns the outcome record of a webhook delivery, or undefined for other requests. */
export function findWebhookOutcome(request: Request): WebhookOutcome | undefined {
  return (request as RequestWithOutcome)[OUTCOME_KEY];
}

/** Names the result of a finished webhook request from its status code and outcome. */
export function webhookResultOf(statusCode: number, outcome: WebhookOutcome): WebhookResult {
  switch (statusCode) {
    case 200:
      return outcome.duplicate ? 'duplicate' : 'created';
    case 401:
      return 'invalid_signature';
    case 400:
    case 422:
      return 'validation_error';
    case 413:
      return 'payload_too_large';
    case 415:
      return 'unsupported_media_type';
    case 503:
      return 'unavailable';
    default:
      return 'error';
  }
}
