import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController } from './health.controller';
import { HealthService } from './health.service';
import { SchemaHealthIndicator } from './schema.health';
import { WebhookSecretHealthIndicator } from './webhook-secret.health';

/** Serves the liveness and readiness probes with Terminus health indicators. */
@Module({
  imports: [TerminusModule.forRoot({ logger: false })],
  controllers: [HealthController],
  providers: [HealthService, SchemaHealthIndicator, WebhookSecretHealthIndicator],
})
export class HealthModule {}
