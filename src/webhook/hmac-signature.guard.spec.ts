import { Readable } from 'node:stream';
import {
  ExecutionContext,
  PayloadTooLargeException,
  ServiceUnavailableException,
  UnauthorizedException,
} from '@nestjs/common';
import type { Request } from 'express';
import { AppConfig, loadConfig } from '../config/app-config';
import { HmacSignatureGuard } from './hmac-signature.guard';
import { rawBodyOf } from './raw-body';
import { signBody } from './signature';

const config: AppConfig = loadConfig({ WEBHOOK_SECRET: 'secret', MAX_BODY_BYTES: '64' });

/** Builds a request whose body stream yields `body`, as Express hands it to the guard. */
function requestWith(body: string, headers: Record<string, string> = {}): Request {
  const stream = Readable.from([Buffer.from(body)]) as unknown as Request;
  stream.headers = { 'content-length': String(Buffer.byteLength(body)), ...headers };

  return stream;
}

function contextOf(request: Request): ExecutionContext {
  return { switchToHttp: () => ({ getRequest: () => request }) } as ExecutionContext;
}

describe('HmacSignatureGuard', () => {
  const body = '{"message_id":"m1"}';

  it('admits a correctly signed body and keeps its bytes', async () => {
    const request = requestWith(body, { 'x-signature': signBody('secret', body) });

    await expect(new HmacSignatureGuard(config).canActivate(contextOf(request))).resolves.toBe(true);
    expect(rawBodyOf(request).toString()).toBe(body);
  });

  it('rejects a wrong signature with 401', async () => {
    const request = requestWith(body, { 'x-signature': signBody('other', body) });

    await expect(new HmacSignatureGuard(config).canActivate(contextOf(request))).rejects.toThrow(
      new UnauthorizedException('invalid signature'),
    );
  });

  it('rejects a missing signature with 401', async () => {
    await expect(new HmacSignatureGuard(config).canActivate(contextOf(requestWith(body)))).rejects.toBeInstanceOf(
      UnauthorizedException,
    );
  });

  it('rejects a body over the limit with 413 before looking at the signature', async () => {
    const large = 'x'.repeat(65);

    await expect(new HmacSignatureGuard(config).canActivate(contextOf(requestWith(large)))).rejects.toThrow(
      new PayloadTooLargeException('request body must be at most 64 bytes'),
    );
  });

  it('answers 503 while no secret is configured', async () => {
    const guard = new HmacSignatureGuard({ ...config, webhookSecret: undefined });

    await expect(guard.canActivate(contextOf(requestWith(body)))).rejects.toThrow(
      new ServiceUnavailableException('WEBHOOK_SECRET is not configured'),
    );
  });
});
