import { BadRequestException, HttpException, PayloadTooLargeException } from '@nestjs/common';
import type { Request } from 'express';
import getRawBody from 'raw-body';

const RAW_BODY_KEY = Symbol('rawBody');

type RequestWithRawBody = Request & { [RAW_BODY_KEY]?: Buffer };

/**
 * Reads the request body as bytes, at most `limit` of them, once per request.
 * Throws 413 when the body (or its declared Content-Length) is larger than `limit`.
 */
export async function readRawBody(request: Request, limit: number): Promise<Buffer> {
  const tagged = request as RequestWithRawBody;
  if (tagged[RAW_BODY_KEY] !== undefined) {
    return tagged[RAW_BODY_KEY];
  }

  try {
    tagged[RAW_BODY_KEY] = await getRawBody(request, { limit, length: request.headers['content-length'] });
  } catch (error) {
    throw toHttpException(error, limit);
  }

  return tagged[RAW_BODY_KEY];
}

/** Returns the bytes that `readRawBody` read, or an empty buffer when it never ran. */
export function rawBodyOf(request: Request): Buffer {
  return (request as RequestWithRawBody)[RAW_BODY_KEY] ?? Buffer.alloc(0);
}

function toHttpException(error: unknown, limit: number): HttpException {
  const type = (error as { type?: unknown }).type;
  if (type === 'entity.too.large') {
    return new PayloadTooLargeException(`request body must be at most ${limit} bytes`);
  }
  if (type === 'request.size.invalid') {
    return new BadRequestException('request body length does not match Content-Length');
  }

  return new BadRequestException('request body could not be read');
}
