import { findSigningSecret, signBody } from './signature';

describe('findSigningSecret', () => {
  const secret = 'secret';
  const body = Buffer.from('{"message_id":"m1"}');
  const digest = signBody(secret, body);

  it('accepts the lower-case hex digest', () => {
    expect(findSigningSecret([secret], body, digest)).toBe(0);
  });

  it('accepts the upper-case hex digest', () => {
    expect(findSigningSecret([secret], body, digest.toUpperCase())).toBe(0);
  });

  it('accepts a sha256= prefix', () => {
    expect(findSigningSecret([secret], body, `sha256=${digest}`)).toBe(0);
  });

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['repeated', [digest, digest]],
    ['truncated', digest.slice(0, -1)],
    ['extended', `${digest}0`],
    ['non-hex', `${digest.slice(0, -1)}g`],
    ['padded with spaces', ` ${digest}`],
    ['prefixed twice', `sha256=sha256=${digest}`],
    ['for another secret', signBody('other', body)],
  ])('rejects a %s signature', (_case, header) => {
    expect(findSigningSecret([secret], body, header)).toBe(-1);
  });

  it('names the previous secret that matched', () => {
    expect(findSigningSecret(['new', 'old', secret], body, digest)).toBe(2);
  });

  it('rejects a signature of other bytes', () => {
    expect(findSigningSecret([secret], Buffer.from('{"message_id":"m2"}'), digest)).toBe(-1);
  });
});

describe('signBody', () => {
  it('matches a known HMAC-SHA256 vector', () => {
    // RFC 4231 test case 2.
    expect(signBody('Jefe', 'what do ya want for nothing?')).toBe(
      '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    );
  });
});
