import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { APP_CONFIG } from '../config/app-config';
import type { AppConfig } from '../config/app-config';

/** Reports whether the webhook can verify signatures, which needs `WEBHOOK_SECRET`. */
@Injectable()
export class WebhookSecretHealthIndicator {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly healthIndicatorService: HealthIndicatorService,
  ) {}

  isConfigured(key: string) {
    const indicator = this.healthIndicatorService.check(key);

    return this.config.webhookSecret === undefined
      ? indicator.down('WEBHOOK_SECRET is not configured')
      : indicator.up();
  }
}
