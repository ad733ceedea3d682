import { Agent, IncomingHttpHeaders, OutgoingHttpHeaders, request } from 'node:http';

/** A response read in full, with its body as text. */
export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

const agent = new Agent({ keepAlive: true, maxSockets: 8 });

/**
 * Sends one request with exactly the given headers and body bytes through Node's HTTP client,
 * which, unlike fetch, allows repeated headers and any method or path.
 */
export function sendRaw(
  url: string,
  options: { method: string; path: string; headers?: OutgoingHttpHeaders; body?: Buffer },
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const pending = request(
      `${url}${options.path}`,
      { method: options.method, headers: options.headers, agent },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        response.on('error', reject);
      },
    );
    pending.on('error', reject);
    pending.end(options.body);
  });
}

/** Closes the kept-alive sockets so a test run can end. */
export function closeRawAgent(): void {
  agent.destroy();
}
