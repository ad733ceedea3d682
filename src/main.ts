import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { INestApplication, Logger } from '@nestjs/common';
import pino from 'pino';
import { DataSource } from 'typeorm';
import { AppConfig, ConfigValidationError, loadConfigFromEnvironment } from './config/app-config';
import { describeDatabaseLocation } from './config/database-url';
import { pinoOptions } from './common/logging.module';
import { createApp } from './create-app';
import { ShutdownState } from './health/shutdown-state';

/** Logs a start-up failure as one JSON line, like every other line on stdout. */
function logStartupFailure(error: unknown): void {
  const logger = pino(pinoOptions('info'));
  if (error instanceof ConfigValidationError) {
    logger.fatal({ problems: error.problems }, error.message);
  } else {
    logger.fatal({ err: error }, 'Service failed to start');
  }
}

/**
 * Shuts down on SIGTERM or SIGINT. Readiness turns 503 at once. After SIGTERM the listener
 * stays open for `shutdownGraceMs`, so a load balancer can stop routing here first, while
 * Ctrl+C (SIGINT) skips that wait. Then the server stops accepting connections, in-flight
 * requests finish, the database closes, and the process exits 0. A shutdown that takes longer
 * than `shutdownTimeoutMs` exits 1.
 */
function closeOnSignals(app: INestApplication, config: AppConfig): void {
  const logger = new Logger('Shutdown');
  const shutDown = async (signal: NodeJS.Signals) => {
    const graceMs = signal === 'SIGTERM' ? config.shutdownGraceMs : 0;
    logger.log({ signal, grace_ms: graceMs }, 'Shutting down');
    app.get(ShutdownState).begin();
    setTimeout(() => {
      logger.error({ timeout_ms: config.shutdownTimeoutMs }, 'Shutdown timed out; exiting');
      process.exit(1);
    }, config.shutdownTimeoutMs).unref();

    await new Promise((resolveWait) => setTimeout(resolveWait, graceMs));
    await app.close();
    logger.log('Service stopped');
    process.exitCode = 0;
  };

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, (received) => {
      shutDown(received).catch((error: unknown) => {
        logger.error({ err: error }, 'Shutdown failed');
        process.exit(1);
      });
    });
  }
}

async function bootstrap(): Promise<void> {
  let config: AppConfig;
  try {
    config = loadConfigFromEnvironment();
  } catch (error) {
    logStartupFailure(error);
    process.exitCode = 1;
    return;
  }

  const app = await createApp(config);
  closeOnSignals(app, config);
  await app.listen(config.port, config.host);
  const address = app.getHttpServer().address() as AddressInfo;

  new Logger('Bootstrap').log(
    {
      host: config.host,
      // The bound port, which differs from config.port when PORT=0 requests any free port.
      port: address.port,
      database: describeDatabaseLocation(config.database),
      // Start-up applied any pending ones (here or in another replica) before listening.
      schema_migrations: app.get(DataSource).migrations.map((migration) => migration.name),
      webhook_secret_configured: config.webhookSecret !== undefined,
    },
    'Service listening',
  );
}

bootstrap().catch((error: unknown) => {
  logStartupFailure(error);
  process.exitCode = 1;
});
