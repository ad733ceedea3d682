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
import { isValidSignature } from './signature';

/**
 * Admits a webhook delivery only when `X-Signature` is the HMAC-SHA256 of the exact body bytes.
 * It returns 503 while no secret is configured, reads the body within the size limit (413),
 * then checks the signature (401), so an unsigned request learns nothing about the payload rules.
 */
@Injectable()
export class HmacSignatureGuard implements CanActivate {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request>();
    webhookOutcomeOf(request);

    const secret = this.config.webhookSecret;
    if (secret === undefined) {
      throw new ServiceUnavailableException('WEBHOOK_SECRET is not configured');
    }

    const body = await readRawBody(request, this.config.maxBodyBytes);
    if (!isValidSignature(secret, body, request.headers['x-signature'])) {
      throw new UnauthorizedException('invalid signature');
    }

    return true;
  }
}
