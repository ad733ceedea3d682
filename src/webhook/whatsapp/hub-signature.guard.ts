import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { webhookOutcomeOf } from '../../common/webhook-outcome';
import { APP_CONFIG } from '../../config/app-config';
import type { AppConfig } from '../../config/app-config';
import { verifySignedBody } from '../hmac-signature.guard';

/**
 * Admits a WhatsApp Cloud API delivery only when `X-Hub-Signature-256` is `sha256=` and the hex
 * HMAC-SHA256 of the exact body, keyed with `WHATSAPP_APP_SECRET`. The checks and their order
 * are those of `POST /webhook`, with the larger WhatsApp body limit.
 */
@Injectable()
export class HubSignatureGuard implements CanActivate {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request>();
    webhookOutcomeOf(request).whatsapp = { messagesCreated: 0, messagesDuplicate: 0, statuses: [] };

    // Meta always sends the sha256= prefix, so a header without it is not Meta's.
    const header = request.headers['x-hub-signature-256'];
    const prefixed = typeof header === 'string' && header.toLowerCase().startsWith('sha256=') ? header : undefined;
    await verifySignedBody(
      request,
      [this.config.whatsappAppSecret],
      'WHATSAPP_APP_SECRET is not configured',
      this.config.whatsappMaxBodyBytes,
      prefixed,
    );

    return true;
  }
}
