import { ExecutionContext, createParamDecorator } from '@nestjs/common';
import type { Request } from 'express';

/**
 * Injects the whole request, for a pipe that needs its headers and raw body together.
 * The global validation pipe skips custom decorators like this one.
 */
export const WebhookRequest = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Request => context.switchToHttp().getRequest<Request>(),
);
