import request from 'supertest';
import { postSigned } from './support/http';
import { TestApp, messagePayload, sign, startTestApp, storedMessages } from './support/test-app';

const TS_RULE =
  'ts must be an ISO-8601 UTC time such as 2024-01-01T10:00:00Z (a real date and time, optional fraction of up to 9 digits, ending in Z)';

describe('POST /webhook', () => {
  let service: TestApp;

  beforeEach(async () => {
    service = await startTestApp();
  });

  afterEach(async () => {
    await service.close();
  });

  function storedRows(): Promise<Record<string, unknown>[]> {
    return storedMessages(service);
  }

  describe('storage', () => {
    it('stores a new message and answers 200', async () => {
      const response = await postSigned(service.url, messagePayload());

      expect(response.status).toBe(200);
      expect(response.body).toEqual({ status: 'ok' });
      expect(await storedRows()).toEqual([
        { message_id: 'msg-001', from_msisdn: '+14155550100', to_msisdn: '+14155550101', ts: '2024-01-01T10:00:00Z', text: 'Hello' },
      ]);
    });

    it('answers 200 to a duplicate and keeps the first delivery', async () => {
      await postSigned(service.url, messagePayload({ text: 'first' })).expect(200);

      const response = await postSigned(service.url, messagePayload({ text: 'second', to: '+19999' }));

      expect(response.status).toBe(200);
      expect(response.body).toEqual({ status: 'ok' });
      const rows = await storedRows();
      expect(rows).toHaveLength(1);
      expect(rows[0].text).toBe('first');
      expect(rows[0].to_msisdn).toBe('+14155550101');
    });

    it('stores one row for concurrent identical deliveries', async () => {
      const responses = await Promise.all(
        Array.from({ length: 20 }, () => postSigned(service.url, messagePayload())),
      );

      expect(responses.map((response) => response.status)).toEqual(Array(20).fill(200));
      expect(await storedRows()).toHaveLength(1);
    });

    it('accepts from_msisdn and to_msisdn in place of from and to', async () => {
      const { from, to, ...rest } = messagePayload();
      await postSigned(service.url, { ...rest, from_msisdn: from, to_msisdn: to }).expect(200, { status: 'ok' });

      expect(await storedRows()).toEqual([
        { message_id: 'msg-001', from_msisdn: '+14155550100', to_msisdn: '+14155550101', ts: '2024-01-01T10:00:00Z', text: 'Hello' },
      ]);
    });

    it('accepts both spellings when they agree', async () => {
      await postSigned(service.url, messagePayload({ from_msisdn: '+14155550100' })).expect(200, { status: 'ok' });
    });

    it('accepts null, missing and maximum-length text', async () => {
      const { text: _text, ...withoutText } = messagePayload({ message_id: 'no-text' });
      await postSigned(service.url, withoutText).expect(200);
      await postSigned(service.url, messagePayload({ message_id: 'null-text', text: null })).expect(200);
      // 4096 emoji are 8192 UTF-16 units but 4096 code points.
      await postSigned(service.url, messagePayload({ message_id: 'long-text', text: '😀'.repeat(4096) })).expect(200);

      const texts = (await storedRows()).map((row) => [row.message_id, row.text]);
      expect(texts).toEqual([
        ['long-text', '😀'.repeat(4096)],
        ['no-text', null],
        ['null-text', null],
      ]);
    });

    it('ignores unknown fields', async () => {
      await postSigned(service.url, messagePayload({ extra: { nested: true }, __proto__: 'x' })).expect(200, {
        status: 'ok',
      });
      expect(await storedRows()).toHaveLength(1);
    });

    it('accepts timestamps with fractions of a second', async () => {
      await postSigned(service.url, messagePayload({ ts: '2024-02-29T23:59:59.123456789Z' })).expect(200);
    });

    it('stores text with non-ASCII characters byte for byte', async () => {
      const text = 'Grüße, 你好 "quoted" \\ back\nslash';
      await postSigned(service.url, messagePayload({ text })).expect(200);

      expect((await storedRows())[0].text).toBe(text);
    });
  });

  describe('signature', () => {
    const body = JSON.stringify(messagePayload());

    function post(signature: string | undefined) {
      const pending = request(service.url).post('/webhook').set('Content-Type', 'application/json');
      if (signature !== undefined) {
        pending.set('X-Signature', signature);
      }

      return pending.send(body);
    }

    it('accepts upper-case hex', async () => {
      await post(sign(body).toUpperCase()).expect(200, { status: 'ok' });
    });

    it('accepts a sha256= prefix', async () => {
      await post(`sha256=${sign(body)}`).expect(200, { status: 'ok' });
    });

    it.each([
      ['missing', undefined],
      ['empty', ''],
      ['not hex', 'z'.repeat(64)],
      ['truncated', sign(body).slice(0, 63)],
      ['too long', `${sign(body)}00`],
      ['signed with another secret', sign(body, 'other-secret')],
      ['a prefix without a digest', 'sha256='],
      ['of another body', sign(`${body} `)],
    ])('rejects a %s signature with 401', async (_case, signature) => {
      const response = await post(signature);

      expect(response.status).toBe(401);
      expect(response.body).toEqual({ detail: 'invalid signature' });
      expect(await storedRows()).toEqual([]);
    });

    it('checks the signature before parsing the body', async () => {
      const response = await request(service.url)
        .post('/webhook')
        .set('Content-Type', 'application/json')
        .set('X-Signature', '0'.repeat(64))
        .send('{not json');

      expect(response.status).toBe(401);
      expect(response.body).toEqual({ detail: 'invalid signature' });
    });

    it('checks the signature before the media type', async () => {
      const response = await request(service.url).post('/webhook').set('Content-Type', 'text/plain').send('hello');

      expect(response.status).toBe(401);
    });

    it('signs the exact bytes, so reformatted JSON does not verify', async () => {
      const response = await request(service.url)
        .post('/webhook')
        .set('Content-Type', 'application/json')
        .set('X-Signature', sign(body))
        .send(JSON.stringify(messagePayload(), null, 2));

      expect(response.status).toBe(401);
    });
  });

  describe('media type', () => {
    it('accepts application/json with a charset', async () => {
      const body = JSON.stringify(messagePayload());
      await request(service.url)
        .post('/webhook')
        .set('Content-Type', 'application/json; charset=utf-8')
        .set('X-Signature', sign(body))
        .send(body)
        .expect(200, { status: 'ok' });
    });

    it('reads a body without Content-Type as JSON', async () => {
      const body = Buffer.from(JSON.stringify(messagePayload()));
      const response = await request(service.url)
        .post('/webhook')
        .set('X-Signature', sign(body))
        .unset('Content-Type')
        .send(body);

      expect(response.status).toBe(200);
      expect(await storedRows()).toHaveLength(1);
    });

    it('rejects another media type with 415', async () => {
      const body = JSON.stringify(messagePayload());
      const response = await request(service.url)
        .post('/webhook')
        .set('Content-Type', 'text/plain')
        .set('X-Signature', sign(body))
        .send(body);

      expect(response.status).toBe(415);
      expect(response.body).toEqual({ detail: 'Content-Type must be application/json, not text/plain' });
      expect(await storedRows()).toEqual([]);
    });

    it('rejects a compressed body with 415', async () => {
      const body = JSON.stringify(messagePayload());
      const response = await request(service.url)
        .post('/webhook')
        .set('Content-Type', 'application/json')
        .set('Content-Encoding', 'gzip')
        .set('X-Signature', sign(body))
        .send(body);

      expect(response.status).toBe(415);
      expect(response.body).toEqual({ detail: 'Content-Encoding gzip is not supported; send the body uncompressed' });
    });
  });

  describe('body size', () => {
    it('rejects a body over the limit with 413 before checking the signature', async () => {
      const body = JSON.stringify(messagePayload({ text: 'x'.repeat(1024 * 1024) }));
      const response = await request(service.url)
        .post('/webhook')
        .set('Content-Type', 'application/json')
        .send(body);

      expect(response.status).toBe(413);
      expect(response.body).toEqual({ detail: 'request body must be at most 1048576 bytes' });
    });

    it('takes its limit from MAX_BODY_BYTES', async () => {
      const small = await startTestApp({ MAX_BODY_BYTES: '100' });
      try {
        const body = JSON.stringify(messagePayload({ text: 'x'.repeat(100) }));
        const response = await postSigned(small.url, body);

        expect(response.status).toBe(413);
        expect(response.body).toEqual({ detail: 'request body must be at most 100 bytes' });
      } finally {
        await small.close();
      }
    });
  });

  describe('payload', () => {
    async function expectIssues(body: unknown, detail: unknown[]): Promise<void> {
      const response = await postSigned(service.url, body);

      expect(response.status).toBe(422);
      expect(response.body).toEqual({ detail });
      expect(await storedRows()).toEqual([]);
    }

    it('rejects invalid JSON with 422', async () => {
      const response = await postSigned(service.url, '{"message_id": ');

      expect(response.status).toBe(422);
      expect(response.body.detail).toHaveLength(1);
      expect(response.body.detail[0].loc).toEqual(['body']);
      expect(response.body.detail[0].type).toBe('json_invalid');
      expect(response.body.detail[0].msg).toMatch(/^body is not valid JSON: /);
    });

    it('rejects an empty body with 422', async () => {
      await expectIssues('', [{ loc: ['body'], msg: 'body must be a JSON object, but it is empty', type: 'json_invalid' }]);
    });

    it('rejects invalid UTF-8 with 422', async () => {
      await expectIssues(Buffer.from([0x7b, 0xff, 0x7d]), [
        { loc: ['body'], msg: 'body is not valid JSON: the bytes are not valid UTF-8', type: 'json_invalid' },
      ]);
    });

    it('rejects nesting deeper than 32 levels with 422', async () => {
      const text = `${'['.repeat(33)}${']'.repeat(33)}`;
      await expectIssues(`{"message_id":"deep","text":${text}}`, [
        { loc: ['body'], msg: 'body nests arrays and objects deeper than 32 levels', type: 'json_too_deep' },
      ]);
    });

    it('reads brackets inside strings as text', async () => {
      await postSigned(service.url, messagePayload({ text: '[[[['.repeat(40) })).expect(200);
    });

    it.each([['[]'], ['"text"'], ['42'], ['null']])('rejects the JSON value %s with 422', async (body) => {
      await expectIssues(body, [{ loc: ['body'], msg: 'body must be a JSON object', type: 'model_attributes_type' }]);
    });

    it('lists every missing field', async () => {
      await expectIssues({}, [
        { loc: ['body', 'message_id'], msg: 'message_id is required', type: 'missing' },
        { loc: ['body', 'from'], msg: 'from (or from_msisdn) is required', type: 'missing' },
        { loc: ['body', 'to'], msg: 'to (or to_msisdn) is required', type: 'missing' },
        { loc: ['body', 'ts'], msg: 'ts is required', type: 'missing' },
      ]);
    });

    it.each([
      ['an empty message_id', { message_id: '' }, 'message_id', 'message_id must not be empty', 'string_too_short'],
      ['a numeric message_id', { message_id: 7 }, 'message_id', 'message_id must be a string', 'string_type'],
      ['a message_id of 257 characters', { message_id: 'm'.repeat(257) }, 'message_id', 'message_id must be at most 256 characters', 'string_too_long'],
      ['a from without +', { from: '14155550100' }, 'from', 'from must be + followed by 1 to 15 digits', 'string_pattern_mismatch'],
      ['a from of 16 digits', { from: '+1234567890123456' }, 'from', 'from must be + followed by 1 to 15 digits', 'string_pattern_mismatch'],
      ['a from with letters', { from: '+1415abc' }, 'from', 'from must be + followed by 1 to 15 digits', 'string_pattern_mismatch'],
      ['a bare +', { to: '+' }, 'to', 'to must be + followed by 1 to 15 digits', 'string_pattern_mismatch'],
      ['a numeric to', { to: 14155550101 }, 'to', 'to must be a string', 'string_type'],
      ['a ts without Z', { ts: '2024-01-01T10:00:00' }, 'ts', TS_RULE, 'datetime_format'],
      ['a ts with an offset', { ts: '2024-01-01T10:00:00+00:00' }, 'ts', TS_RULE, 'datetime_format'],
      ['a date only', { ts: '2024-01-01' }, 'ts', TS_RULE, 'datetime_format'],
      ['February 30', { ts: '2024-02-30T10:00:00Z' }, 'ts', TS_RULE, 'datetime_format'],
      ['February 29 of a common year', { ts: '2023-02-29T10:00:00Z' }, 'ts', TS_RULE, 'datetime_format'],
      ['hour 24', { ts: '2024-01-01T24:00:00Z' }, 'ts', TS_RULE, 'datetime_format'],
      ['second 60', { ts: '2024-01-01T10:00:60Z' }, 'ts', TS_RULE, 'datetime_format'],
      ['a ten-digit fraction', { ts: '2024-01-01T10:00:00.1234567890Z' }, 'ts', TS_RULE, 'datetime_format'],
      ['a numeric ts', { ts: 1704103200 }, 'ts', 'ts must be a string', 'string_type'],
      ['text of 4097 characters', { text: 'x'.repeat(4097) }, 'text', 'text must be at most 4096 characters', 'string_too_long'],
      ['numeric text', { text: 5 }, 'text', 'text must be a string or null', 'string_type'],
      ['a NUL in message_id', { message_id: 'a\u0000b' }, 'message_id', 'message_id must not contain NUL (U+0000) characters', 'string_nul_character'],
      ['a NUL in text', { text: 'a\u0000b' }, 'text', 'text must not contain NUL (U+0000) characters', 'string_nul_character'],
    ])('rejects %s with 422', async (_case, overrides, field, msg, type) => {
      await expectIssues(messagePayload(overrides), [{ loc: ['body', field], msg, type }]);
    });

    it('names the alias the sender used', async () => {
      const { from: _from, ...rest } = messagePayload();
      await expectIssues({ ...rest, from_msisdn: 'nope' }, [
        { loc: ['body', 'from_msisdn'], msg: 'from_msisdn must be + followed by 1 to 15 digits', type: 'string_pattern_mismatch' },
      ]);
    });

    it('rejects both spellings with different values', async () => {
      await expectIssues(messagePayload({ from_msisdn: '+14155550199' }), [
        {
          loc: ['body', 'from_msisdn'],
          msg: 'from and from_msisdn differ; send one of them, or the same value in both',
          type: 'value_error',
        },
      ]);
    });

    it('reports one issue per invalid field', async () => {
      await expectIssues(messagePayload({ from: 'x', to: 'y', ts: 'z' }), [
        { loc: ['body', 'from'], msg: 'from must be + followed by 1 to 15 digits', type: 'string_pattern_mismatch' },
        { loc: ['body', 'to'], msg: 'to must be + followed by 1 to 15 digits', type: 'string_pattern_mismatch' },
        { loc: ['body', 'ts'], msg: TS_RULE, type: 'datetime_format' },
      ]);
    });
  });

  describe('without WEBHOOK_SECRET', () => {
    it('answers 503 and stores nothing', async () => {
      const unconfigured = await startTestApp({ WEBHOOK_SECRET: '' });
      try {
        const response = await postSigned(unconfigured.url, messagePayload());

        expect(response.status).toBe(503);
        expect(response.body).toEqual({ detail: 'WEBHOOK_SECRET is not configured' });
        expect(await storedMessages(unconfigured)).toEqual([]);
      } finally {
        await unconfigured.close();
      }
    });
  });
});
