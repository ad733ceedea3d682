import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { applyHttpLimits } from './common/http-limits';
import { AppConfig } from './config/app-config';

/**
 * Creates the application without listening. The body parsers are off because the webhook
 * reads its raw bytes itself: the signature is checked before the body is parsed.
 */
export async function createApp(config: AppConfig): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    bodyParser: false,
    bufferLogs: true,
    abortOnError: false,
  });
  app.useLogger(app.get(Logger));
  app.disable('x-powered-by');
  applyHttpLimits(app.getHttpServer(), config);

  return app;
}
