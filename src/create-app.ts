import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import type { NextFunction, Request, Response } from 'express';
import { applyHttpLimits, requestTargetMiddleware } from './common/http-limits';
import { BootstrapLogger, requestContextMiddleware } from './common/logging.module';
import { serveOpenApi } from './common/openapi';
import { AppConfig } from './config/app-config';
import { RequestObserverMiddleware } from './metrics/request-observer.middleware';

/**
 * Creates the application without listening. The body parsers are off because the webhook
 * reads its raw bytes itself: the signature is checked before the body is parsed.
 */
export async function createApp(config: AppConfig): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    bodyParser: false,
    bufferLogs: true,
    abortOnError: false,
    logger: new BootstrapLogger(config.logLevel),
  });
  app.useLogger(app.get(Logger));
  app.disable('x-powered-by');
  // Responses change with every write and clients do not revalidate them, so hashing each body
  // for an ETag would cost time for nothing.
  app.set('etag', false);
  applyHttpLimits(app.getHttpServer(), config);

  // Mounted before Nest registers its middleware and routes, so these see every request,
  // including those whose path no route can decode.
  const observer = app.get(RequestObserverMiddleware);
  app.use(requestContextMiddleware);
  app.use((request: Request, response: Response, next: NextFunction) => observer.use(request, response, next));
  app.use(requestTargetMiddleware);
  serveOpenApi(app);

  return app;
}
