import { createHmac, timingSafeEqual } from 'node:crypto';

// 64 hex digits of HMAC-SHA256, in either case, optionally after "sha256=" as WhatsApp Cloud
// API and GitHub send it.
const SIGNATURE_PATTERN = /^(?:sha256=)?([0-9a-f]{64})$/i;

/** Computes the lower-case hex HMAC-SHA256 of `body` keyed with `secret`. */
export function signBody(secret: string, body: Buffer | string): string {
  return createHmac('sha256', secret).update(body).digest('hex');
}

/**
 * Returns the index of the secret in `secrets` whose HMAC of `body` matches the header, or -1.
 * A missing, repeated, malformed or wrong-length header matches none. Every secret is compared,
 * each in constant time, so the time taken does not reveal which one matched.
 */
export function findSigningSecret(secrets: string[], body: Buffer, header: string | string[] | undefined): number {
  if (typeof header !== 'string') {
    return -1;
  }
  const match = SIGNATURE_PATTERN.exec(header);
  if (match === null) {
    return -1;
  }

  const received = Buffer.from(match[1], 'hex');
  let matched = -1;
  secrets.forEach((secret, index) => {
    const expected = createHmac('sha256', secret).update(body).digest();
    if (timingSafeEqual(expected, received) && matched === -1) {
      matched = index;
    }
  });

  return matched;
}
