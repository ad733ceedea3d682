import { Injectable, Logger, ServiceUnavailableException } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { HealthCheckResult, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { DatabaseWriteHealthIndicator } from './database-write.health';
import { SchemaHealthIndicator } from './schema.health';
import { ShutdownState } from './shutdown-state';
import { WebhookSecretHealthIndicator } from './webhook-secret.health';

/** Body of `GET /health/live`. */
export class LivenessResponse {
  @ApiProperty({ enum: ['alive'], example: 'alive' })
  status!: 'alive';
}

/** Body of `GET /health/ready`: `error` names what is wrong when the status is "not ready". */
export class ReadinessResponse {
  @ApiProperty({ enum: ['ready', 'not ready'], example: 'ready' })
  status!: 'ready' | 'not ready';

  @ApiPropertyOptional({ example: 'WEBHOOK_SECRET is not configured' })
  error?: string;
}

/** Time limit for the database to respond to a readiness ping, in milliseconds. */
const DATABASE_PING_TIMEOUT_MS = 1000;

@Injectable()
export class HealthService {
  private readonly logger = new Logger(HealthService.name);
  private lastError: string | undefined;

  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly schema: SchemaHealthIndicator,
    private readonly databaseWrite: DatabaseWriteHealthIndicator,
    private readonly webhookSecret: WebhookSecretHealthIndicator,
    private readonly shutdown: ShutdownState,
  ) {}

  /**
   * Runs the readiness indicators. Logs only changes of state, since orchestrators probe
   * every few seconds and a repeated line per probe would bury everything else.
   */
  async checkReadiness(): Promise<ReadinessResponse> {
    const error = await this.findReadinessError();
    if (error !== this.lastError) {
      if (error === undefined) {
        this.logger.log('Service is ready');
      } else {
        this.logger.warn({ error }, 'Service is not ready');
      }
      this.lastError = error;
    }

    return error === undefined ? { status: 'ready' } : { status: 'not ready', error };
  }

  private async findReadinessError(): Promise<string | undefined> {
    if (this.shutdown.isShuttingDown) {
      return 'service is shutting down';
    }

    try {
      await this.health.check([
        () => this.webhookSecret.isConfigured('webhook_secret'),
        () => this.database.pingCheck('database').withTimeout(DATABASE_PING_TIMEOUT_MS),
        () => this.schema.isCurrent('schema'),
        () => this.databaseWrite.acceptsWrites('database_write'),
      ]);

      return undefined;
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) {
        throw error;
      }

      return describeFailures(error.getResponse() as HealthCheckResult);
    }
  }
}

/**
 * Joins the messages of the indicators that are down, in the order they were checked.
 * The database ping reports the driver's error alone, so it gets a prefix that names it.
 */
function describeFailures(result: HealthCheckResult): string {
  const failures = Object.entries(result.error ?? {}).map(([key, detail]) => {
    const message = (detail as { message?: unknown }).message;
    if (typeof message !== 'string') {
      return `${key} is down`;
    }

    return key === 'database' ? `database did not answer: ${message}` : message;
  });

  return failures.join('; ') || 'health check failed';
}
