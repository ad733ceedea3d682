import request from 'supertest';
import { TEST_SECRET, sign } from './test-app';

/**
 * Posts `body` to /webhook with a valid signature. An object is sent as compact JSON; a string
 * or buffer is sent byte for byte (supertest would otherwise re-serialize a buffer as JSON).
 */
export function postSigned(url: string, body: unknown, secret = TEST_SECRET): request.Test {
  const raw = typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);

  return request(url)
    .post('/webhook')
    .set('Content-Type', 'application/json')
    .set('X-Signature', sign(raw, secret))
    .serialize((bytes: unknown) => bytes as string)
    .send(raw);
}

/** Delivers each payload in turn through the signed webhook and checks that each got 200. */
export async function deliverAll(url: string, payloads: Record<string, unknown>[]): Promise<void> {
  for (const payload of payloads) {
    const response = await postSigned(url, payload);
    if (response.status !== 200) {
      throw new Error(`delivery of ${String(payload.message_id)} got ${response.status}: ${response.text}`);
    }
  }
}
