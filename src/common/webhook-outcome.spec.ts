import { webhookResultOf } from './webhook-outcome';

describe('webhookResultOf', () => {
  it.each([
    [200, { duplicate: false }, 'created'],
    [200, { duplicate: true }, 'duplicate'],
    [401, {}, 'invalid_signature'],
    [422, { messageId: 'm' }, 'validation_error'],
    [413, {}, 'payload_too_large'],
    [415, {}, 'unsupported_media_type'],
    [503, {}, 'unavailable'],
    [500, {}, 'error'],
  ])('names status %i with %j as %s', (status, outcome, result) => {
    expect(webhookResultOf(status, outcome)).toBe(result);
  });
});
