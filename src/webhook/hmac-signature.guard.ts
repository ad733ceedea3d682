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
 * Reads the body within `maxBodyBytes` and checks `header` against the HMAC of the bytes with
 * each of `secrets`. Throws 503 without a secret, 413 for a large body and 401 for a bad
 * signature, in that order. Returns the index of the secret that matched.
 */
export async function verifySignedBody(
  request: Request,
  secrets: (string | undefined)[],
  missingSecretMessage: string,
  maxBodyBytes: number,
  header: string | string[] | undefined,
): Promise<number> {
  const configured = secrets.filter((secret): secret is string => secret !== undefined);
  if (secrets[0] === undefined) {
    throw new ServiceUnavailableException(missingSecretMessage);
  }

  const body = await readRawBody(request, maxBodyBytes);
  const matched = findSigningSecret(configured, body, header);
  if (matched === -1) {
    throw new UnauthorizedException('invalid signature');
  }

  return matched;
}

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

    const matched = await verifySignedBody(
      request,
      [this.config.webhookSecret, ...this.config.previousWebhookSecrets],
      'WEBHOOK_SECRET is not configured',
      this.config.maxBodyBytes,
      request.headers['x-signature'],
    );
    outcome.signingSecret = matched === 0 ? 'current' : 'previous';

    return true;
  }
}
