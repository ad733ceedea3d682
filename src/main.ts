import 'reflect-metadata';
import { Logger } from '@nestjs/common';
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
  await app.listen(config.port, config.host);

  new Logger('Bootstrap').log(
    {
      host: config.host,
      port: config.port,
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
