import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { INestApplication, Logger } from '@nestjs/common';
import pino from 'pino';
import { AppConfig, ConfigValidationError, loadConfigFromEnvironment } from './config/app-config';
import { createApp } from './create-app';

/** Logs a start-up failure as one JSON line, like every other line on stdout. */
function logStartupFailure(error: unknown): void {
  const logger = pino({
    messageKey: 'msg',
    timestamp: () => `,"ts":"${new Date().toISOString()}"`,
    formatters: { level: (label: string) => ({ level: label }) },
  });
  if (error instanceof ConfigValidationError) {
    logger.fatal({ problems: error.problems }, error.message);
  } else {
    logger.fatal({ err: error }, 'Service failed to start');
  }
}

/** Maximum time a shutdown may take before the process exits anyway, in milliseconds. */
const SHUTDOWN_TIMEOUT_MS = 10_000;

/**
 * Closes the application on SIGTERM or SIGINT: the server stops accepting connections,
 * in-flight requests finish, the database closes, and the process exits 0.
 */
function closeOnSignals(app: INestApplication): void {
  const logger = new Logger('Shutdown');
  const shutDown = async (signal: NodeJS.Signals) => {
    logger.log({ signal }, 'Shutting down');
    setTimeout(() => {
      logger.error({ timeout_ms: SHUTDOWN_TIMEOUT_MS }, 'Shutdown timed out; exiting');
      process.exit(1);
    }, SHUTDOWN_TIMEOUT_MS).unref();

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
  closeOnSignals(app);
  await app.listen(config.port, config.host);
  const address = app.getHttpServer().address() as AddressInfo;

  new Logger('Bootstrap').log(
    {
      host: config.host,
      // The bound port, which differs from config.port when PORT=0 requests any free port.
      port: address.port,
      database: config.database.path,
      webhook_secret_configured: config.webhookSecret !== undefined,
    },
    'Service listening',
  );
}

bootstrap().catch((error: unknown) => {
  logStartupFailure(error);
  process.exitCode = 1;
});
