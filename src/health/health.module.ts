import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController } from './health.controller';
import { DatabaseWriteHealthIndicator } from './database-write.health';
import { HealthService } from './health.service';
import { SchemaHealthIndicator } from './schema.health';
import { ShutdownState } from './shutdown-state';
import { WebhookSecretHealthIndicator } from './webhook-secret.health';

/** Serves the liveness and readiness probes with Terminus health indicators. */
@Module({
  imports: [TerminusModule.forRoot({ logger: false })],
  controllers: [HealthController],
  providers: [
    HealthService,
    SchemaHealthIndicator,
    DatabaseWriteHealthIndicator,
    WebhookSecretHealthIndicator,
    ShutdownState,
  ],
  exports: [ShutdownState],
})
export class HealthModule {}
