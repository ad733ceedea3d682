import {
  CanActivate,
  ExecutionContext,
  Inject,
  Injectable,
  ServiceUnavailableException,
  UnauthorizedException,
} from '@nestjs/common';
import type { Request } from 'express';
import { APP_CONFIG } from '../config/app-config';
import type { AppConfig } from '../config/app-config';
import { webhookOutcomeOf } from '../common/webhook-outcome';
import { readRawBody } from './raw-body';
import { findSigningSecret } from './signature';

/**
 * Admits a webhook delivery only when `X-Signature` is the HMAC-SHA256 of the exact body bytes,
 * keyed with `WEBHOOK_SECRET` or, during a rotation, one of `WEBHOOK_SECRET_PREVIOUS`.
 * It returns 503 while no secret is configured, reads the body within the size limit (413),
 * then checks the signature (401), so an unsigned request learns nothing about the payload rules.
 */
@Injectable()
export class HmacSignatureGuard implements CanActivate {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request>();
    const outcome = webhookOutcomeOf(request);

    const secret = this.config.webhookSecret;
    if (secret === undefined) {
      throw new ServiceUnavailableException('WEBHOOK_SECRET is not configured');
    }

    const body = await readRawBody(request, this.config.maxBodyBytes);
    const secrets = [secret, ...this.config.previousWebhookSecrets];
    const matched = findSigningSecret(secrets, body, request.headers['x-signature']);
    if (matched === -1) {
      throw new UnauthorizedException('invalid signature');
    }
    outcome.signingSecret = matched === 0 ? 'current' : 'previous';

    return true;
  }
}
