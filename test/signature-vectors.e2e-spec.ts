import { createHmac } from 'node:crypto';
import request from 'supertest';
import vectors from './fixtures/signature-vectors.json';
import { TestApp, startTestApp } from './support/test-app';

function post(url: string, body: Buffer, signature: string) {
  return request(url)
    .post('/webhook')
    .set('Content-Type', 'application/json')
    .set('X-Signature', signature)
    .serialize((bytes: unknown) => bytes as string)
    .send(body);
}

/** Returns a copy of `text` with the character at `index` replaced by a different one. */
function changeCharacter(text: string, index: number): string {
  const replacement = text[index] === '0' ? '1' : '0';

  return `${text.slice(0, index)}${replacement}${text.slice(index + 1)}`;
}

describe('signature test vectors', () => {
  let service: TestApp;

  beforeAll(async () => {
    service = await startTestApp({ WEBHOOK_SECRET: 'vector-secret' });
  });

  afterAll(async () => {
    await service.close();
  });

  it.each(vectors.map((vector) => [vector.name, vector]))('%s has the documented signature', (_name, vector) => {
    expect(createHmac('sha256', vector.secret).update(Buffer.from(vector.body, 'utf8')).digest('hex')).toBe(
      vector.signature,
    );
  });

  it.each(vectors.map((vector) => [vector.name, vector]))('%s is accepted', async (_name, vector) => {
    await post(service.url, Buffer.from(vector.body, 'utf8'), vector.signature).expect(200, { status: 'ok' });
  });

  it.each(vectors.map((vector) => [vector.name, vector]))('%s with one body byte changed is rejected', async (_name, vector) => {
    const body = Buffer.from(vector.body, 'utf8');
    // The closing brace or the trailing newline: changing it keeps the rest of the JSON readable.
    body[body.length - 1] ^= 0x01;

    await post(service.url, body, vector.signature).expect(401, { detail: 'invalid signature' });
  });

  it.each(vectors.map((vector) => [vector.name, vector]))('%s with one signature digit changed is rejected', async (_name, vector) => {
    const signature = changeCharacter(vector.signature, 10);

    await post(service.url, Buffer.from(vector.body, 'utf8'), signature).expect(401, { detail: 'invalid signature' });
  });
});
