// Helpers shared by the benchmark scripts.
import { createHmac } from 'node:crypto';

/** Returns the hex HMAC-SHA256 of `body` keyed with `secret`, as `X-Signature` expects. */
export function sign(secret, body) {
  return createHmac('sha256', secret).update(body).digest('hex');
}

/** Polls `url + path` every 100 ms until it responds with 2xx, and throws after 30 s. */
export async function waitUntilResponding(url, path = '/health/live') {
  for (let attempt = 0; attempt < 300; attempt += 1) {
    try {
      if ((await fetch(`${url}${path}`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((wait) => setTimeout(wait, 100));
  }
  throw new Error(`${url}${path} did not respond within 30 s`);
}
