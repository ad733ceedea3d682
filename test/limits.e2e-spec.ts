import { connect } from 'node:net';
import request from 'supertest';
import { postSigned } from './support/http';
import { TestApp, messagePayload, startTestApp } from './support/test-app';

/** Writes raw bytes to the service and resolves with everything it sends back before closing. */
function exchangeRaw(url: string, chunks: string[], pauseMs = 0): Promise<{ text: string; elapsedMs: number }> {
  const { hostname, port } = new URL(url);
  const startedAt = Date.now();

  return new Promise((resolve, reject) => {
    const writeChunks = async () => {
      for (const chunk of chunks) {
        socket.write(chunk);
        if (pauseMs > 0) {
          await new Promise((resolveWait) => setTimeout(resolveWait, pauseMs));
        }
      }
    };
    const socket = connect(Number(port), hostname, () => void writeChunks());
    let text = '';
    socket.on('data', (data: Buffer) => (text += data.toString('utf8')));
    socket.on('close', () => resolve({ text, elapsedMs: Date.now() - startedAt }));
    socket.on('error', reject);
  });
}

function statusAndBody(text: string): [number, unknown] {
  const [head, body] = text.split('\r\n\r\n');

  return [Number(head.split(' ')[1]), JSON.parse(body)];
}

describe('request limits', () => {
  let service: TestApp;

  beforeAll(async () => {
    service = await startTestApp({ HEADERS_TIMEOUT_MS: '500', REQUEST_TIMEOUT_MS: '1000' });
  });

  afterAll(async () => {
    await service.close();
  });

  it('rejects headers over 16 KiB with 431 and a JSON body', async () => {
    const { text } = await exchangeRaw(service.url, [
      `GET /health/live HTTP/1.1\r\nHost: x\r\nX-Padding: ${'a'.repeat(17_000)}\r\n\r\n`,
    ]);

    expect(statusAndBody(text)).toEqual([431, { detail: 'request headers must be at most 16384 bytes' }]);
  });

  it('rejects a URL over 8192 characters with 414', async () => {
    const response = await request(service.url).get(`/messages?q=${'a'.repeat(8200)}`);

    expect(response.status).toBe(414);
    expect(response.body).toEqual({ detail: 'URL must be at most 8192 characters' });
  });

  it('rejects malformed HTTP with 400 and a JSON body', async () => {
    const { text } = await exchangeRaw(service.url, ['NOT HTTP AT ALL\r\n\r\n']);

    expect(statusAndBody(text)).toEqual([400, { detail: 'request is not valid HTTP' }]);
  });

  it('closes a connection whose headers never finish', async () => {
    const { text, elapsedMs } = await exchangeRaw(service.url, ['GET /health/live HTTP/1.1\r\n', 'Host: x\r\n'], 100);

    expect(statusAndBody(text)).toEqual([408, { detail: 'request was not received in time' }]);
    expect(elapsedMs).toBeLessThan(3000);
  });

  it('closes a connection whose body never finishes', async () => {
    const { text, elapsedMs } = await exchangeRaw(service.url, [
      'POST /webhook HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"message_id":',
    ]);

    expect(statusAndBody(text)).toEqual([408, { detail: 'request was not received in time' }]);
    expect(elapsedMs).toBeLessThan(4000);
  });

  it('answers an undecodable path with JSON, a request id and metrics', async () => {
    const response = await request(service.url).get('/messages%');

    expect(response.status).toBe(400);
    expect(response.body).toEqual({ detail: 'URL path contains a malformed percent-escape' });
    expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const metrics = (await request(service.url).get('/metrics')).text;
    expect(metrics).toContain('http_requests_total{path="unmatched",status="400"} 1');
  });

  it('answers raw non-ASCII bytes in the URL with a JSON 400', async () => {
    const { text } = await exchangeRaw(service.url, ['GET /messages?q=m\u00fcnchen HTTP/1.1\r\nHost: x\r\n\r\n']);

    expect(statusAndBody(text)).toEqual([400, { detail: 'request is not valid HTTP' }]);
  });

  it('still serves normal requests', async () => {
    await postSigned(service.url, messagePayload()).expect(200, { status: 'ok' });
  });
});

describe('secret rotation', () => {
  let service: TestApp;

  beforeAll(async () => {
    service = await startTestApp({ WEBHOOK_SECRET: 'new-secret', WEBHOOK_SECRET_PREVIOUS: 'old-secret, older-secret' });
  });

  afterAll(async () => {
    await service.close();
  });

  async function matches(secret: string): Promise<number> {
    const metrics = (await request(service.url).get('/metrics').expect(200)).text;
    const line = metrics.split('\n').find((candidate) => candidate.startsWith(`webhook_signature_matches_total{secret="${secret}"} `));

    return Number(line?.split(' ')[1]);
  }

  it('accepts the current and every previous secret and counts which matched', async () => {
    const currentBefore = await matches('current');
    const previousBefore = await matches('previous');

    await postSigned(service.url, messagePayload({ message_id: 'new' }), 'new-secret').expect(200);
    await postSigned(service.url, messagePayload({ message_id: 'old' }), 'old-secret').expect(200);
    await postSigned(service.url, messagePayload({ message_id: 'older' }), 'older-secret').expect(200);

    expect((await matches('current')) - currentBefore).toBe(1);
    expect((await matches('previous')) - previousBefore).toBe(2);
  });

  it('rejects a secret that is neither current nor previous', async () => {
    await postSigned(service.url, messagePayload({ message_id: 'stranger' }), 'other-secret').expect(401, {
      detail: 'invalid signature',
    });
  });

  it('keeps every secret out of the metrics and health output', async () => {
    const outputs = [
      (await request(service.url).get('/metrics')).text,
      (await request(service.url).get('/health/ready')).text,
      (await request(service.url).get('/health/live')).text,
      (await request(service.url).post('/webhook').send('{}')).text,
    ].join('\n');

    for (const secret of ['new-secret', 'old-secret', 'older-secret']) {
      expect(outputs).not.toContain(secret);
    }
  });
});
