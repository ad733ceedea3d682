import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import type { NextFunction, Request, Response } from 'express';
import type { AppConfig } from '../config/app-config';

/** Longest accepted request target (path and query string), in characters. */
export const MAX_URL_LENGTH = 8192;

/**
 * Express middleware that checks the request target before routing: longer than
 * `MAX_URL_LENGTH` gets 414, and a path with a malformed percent-escape (such as `/messages%`)
 * gets 400, since no route can match a path that cannot be decoded.
 */
export function requestTargetMiddleware(request: Request, response: Response, next: NextFunction): void {
  const target = request.originalUrl;
  if (target.length > MAX_URL_LENGTH) {
    response.status(414).json({ detail: `URL must be at most ${MAX_URL_LENGTH} characters` });
    return;
  }

  const queryStart = target.indexOf('?');
  const path = queryStart === -1 ? target : target.slice(0, queryStart);
  if (path.includes('%') && !isDecodable(path)) {
    response.status(400).json({ detail: 'URL path contains a malformed percent-escape' });
    return;
  }
  next();
}

function isDecodable(path: string): boolean {
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * Applies the slow-client limits to the HTTP server. Requests that Node's parser rejects
 * (headers over 16 KiB, malformed requests, timeouts) get a JSON body like every other error,
 * instead of Node's bodiless default.
 */
export function applyHttpLimits(server: Server, config: Pick<AppConfig, 'headersTimeoutMs' | 'requestTimeoutMs'>): void {
  server.headersTimeout = config.headersTimeoutMs;
  server.requestTimeout = config.requestTimeoutMs;
  // Node checks both timeouts on this interval (30 s by default), so a short one needs it
  // shorter. @types/node lists it only as a constructor option, but Node reads the property
  // when the server starts listening.
  (server as Server & { connectionsCheckingInterval: number }).connectionsCheckingInterval = Math.min(
    1000,
    config.headersTimeoutMs,
  );

  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    if (!socket.writable || error.code === 'ECONNRESET') {
      socket.destroy();
      return;
    }

    const [status, reason, detail] = describeClientError(error.code);
    const body = JSON.stringify({ detail });
    socket.end(
      `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
}

function describeClientError(code: string | undefined): [number, string, string] {
  switch (code) {
    case 'HPE_HEADER_OVERFLOW':
      return [431, 'Request Header Fields Too Large', 'request headers must be at most 16384 bytes'];
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return [408, 'Request Timeout', 'request was not received in time'];
    default:
      return [400, 'Bad Request', 'request is not valid HTTP'];
  }
}
