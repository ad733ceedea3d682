import request from 'supertest';
import { deliverAll } from './support/http';
import { TestApp, messagePayload, startTestApp } from './support/test-app';

const ISO_MILLISECONDS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

describe('GET /messages', () => {
  let service: TestApp;

  beforeEach(async () => {
    service = await startTestApp();
  });

  afterEach(async () => {
    await service.close();
  });

  async function listIds(query: string): Promise<string[]> {
    const response = await request(service.url).get(`/messages${query}`).expect(200);

    return response.body.data.map((item: { message_id: string }) => item.message_id);
  }

  it('returns an empty page with no messages', async () => {
    const response = await request(service.url).get('/messages');

    expect(response.status).toBe(200);
    expect(response.body).toEqual({ data: [], total: 0, limit: 50, offset: 0, next_cursor: null });
  });

  it('returns each message with the contract fields', async () => {
    await deliverAll(service.url, [messagePayload({ ts: '2024-01-01T10:00:00.250Z' })]);

    const response = await request(service.url).get('/messages').expect(200);

    expect(response.body).toEqual({
      data: [
        {
          message_id: 'msg-001',
          from_msisdn: '+14155550100',
          to_msisdn: '+14155550101',
          ts: '2024-01-01T10:00:00.250Z',
          text: 'Hello',
          created_at: expect.stringMatching(ISO_MILLISECONDS),
        },
      ],
      total: 1,
      limit: 50,
      offset: 0,
      next_cursor: null,
    });
  });

  it('orders by instant, fractions included, then by message_id', async () => {
    await deliverAll(service.url, [
      messagePayload({ message_id: 'e', ts: '2024-01-01T10:00:00.5Z' }),
      messagePayload({ message_id: 'c', ts: '2024-01-01T10:00:00Z' }),
      messagePayload({ message_id: 'b', ts: '2024-01-01T10:00:00Z' }),
      messagePayload({ message_id: 'a', ts: '2024-01-01T09:59:59.999Z' }),
      messagePayload({ message_id: 'd', ts: '2024-01-01T10:00:00.05Z' }),
      messagePayload({ message_id: 'f', ts: '2023-12-31T23:59:59Z' }),
    ]);

    expect(await listIds('')).toEqual(['f', 'a', 'b', 'c', 'd', 'e']);
  });

  it('pages with limit and offset and counts every match in total', async () => {
    await deliverAll(
      service.url,
      Array.from({ length: 7 }, (_, index) =>
        messagePayload({ message_id: `m${index}`, ts: `2024-01-01T10:00:0${index}Z` }),
      ),
    );

    const response = await request(service.url).get('/messages?limit=3&offset=2').expect(200);

    expect(response.body.data.map((item: { message_id: string }) => item.message_id)).toEqual(['m2', 'm3', 'm4']);
    expect(response.body.total).toBe(7);
    expect(response.body.limit).toBe(3);
    expect(response.body.offset).toBe(2);
    expect(await listIds('?limit=3&offset=6')).toEqual(['m6']);
    expect(await listIds('?offset=7')).toEqual([]);
  });

  describe('cursor', () => {
    async function page(query: string): Promise<{ ids: string[]; next: string | null; total: number }> {
      const response = await request(service.url).get(`/messages${query}`).expect(200);

      return {
        ids: response.body.data.map((item: { message_id: string }) => item.message_id),
        next: response.body.next_cursor,
        total: response.body.total,
      };
    }

    beforeEach(async () => {
      await deliverAll(
        service.url,
        Array.from({ length: 7 }, (_, index) =>
          messagePayload({ message_id: `c${index}`, ts: `2024-01-01T10:00:0${Math.floor(index / 2)}Z` }),
        ),
      );
    });

    it('walks every message once, page after page', async () => {
      const first = await page('?limit=3');
      const second = await page(`?limit=3&cursor=${first.next}`);
      const third = await page(`?limit=3&cursor=${second.next}`);

      expect(first.ids).toEqual(['c0', 'c1', 'c2']);
      expect(second.ids).toEqual(['c3', 'c4', 'c5']);
      expect(third.ids).toEqual(['c6']);
      expect(third.next).toBeNull();
      expect([first.total, second.total, third.total]).toEqual([7, 7, 7]);
    });

    it('gives no next_cursor when the page ends exactly at the last message', async () => {
      const first = await page('?limit=7');

      expect(first.ids).toHaveLength(7);
      expect(first.next).toBeNull();
    });

    it('stays stable while new messages arrive', async () => {
      const first = await page('?limit=3');
      // One message sorts before the cursor and one after it.
      await deliverAll(service.url, [
        messagePayload({ message_id: 'early', ts: '2024-01-01T09:00:00Z' }),
        messagePayload({ message_id: 'late', ts: '2024-01-01T11:00:00Z' }),
      ]);
      const second = await page(`?limit=10&cursor=${first.next}`);

      expect(second.ids).toEqual(['c3', 'c4', 'c5', 'c6', 'late']);
    });

    it('combines with filters', async () => {
      const first = await page('?limit=1&since=2024-01-01T10:00:01Z');
      const second = await page(`?limit=1&since=2024-01-01T10:00:01Z&cursor=${first.next}`);

      expect(first.ids).toEqual(['c2']);
      expect(second.ids).toEqual(['c3']);
      expect(second.total).toBe(5);
    });

    it.each([['not-a-cursor'], ['WzEsMl0'], ['%00']])('rejects the cursor %s with 422', async (cursor) => {
      const response = await request(service.url).get(`/messages?cursor=${cursor}`);

      expect(response.status).toBe(422);
      expect(response.body).toEqual({
        detail: [
          {
            loc: ['query', 'cursor'],
            msg: 'cursor is not valid; pass the next_cursor value of a previous page unchanged',
            type: 'cursor_invalid',
          },
        ],
      });
    });
  });

  describe('filters', () => {
    beforeEach(async () => {
      await deliverAll(service.url, [
        messagePayload({ message_id: 'a1', from: '+14155550100', ts: '2024-01-01T09:00:00Z', text: 'Apple pie' }),
        messagePayload({ message_id: 'a2', from: '+14155550100', ts: '2024-01-02T09:00:00Z', text: '100% sure' }),
        messagePayload({ message_id: 'b1', from: '+4930123456', ts: '2024-01-01T12:00:00.5Z', text: 'ÄPFEL und Straße' }),
        messagePayload({ message_id: 'b2', from: '+4930123456', ts: '2024-01-03T09:00:00Z', text: 'snake_case' }),
        messagePayload({ message_id: 'c1', from: '+441632960000', ts: '2024-01-04T09:00:00Z', text: null }),
      ]);
    });

    it('filters by exact sender', async () => {
      const response = await request(service.url).get('/messages?from=%2B4930123456').expect(200);

      expect(response.body.data.map((item: { message_id: string }) => item.message_id)).toEqual(['b1', 'b2']);
      expect(response.body.total).toBe(2);
    });

    it('finds a sender given with an unencoded plus sign', async () => {
      expect(await listIds('?from=+4930123456')).toEqual(['b1', 'b2']);
    });

    it('does not match a sender by prefix', async () => {
      expect(await listIds('?from=%2B493012345')).toEqual([]);
    });

    it('filters by since, inclusively', async () => {
      expect(await listIds('?since=2024-01-02T09:00:00Z')).toEqual(['a2', 'b2', 'c1']);
    });

    it('compares since with fractions of a second', async () => {
      expect(await listIds('?since=2024-01-01T12:00:00.5Z')).toEqual(['b1', 'a2', 'b2', 'c1']);
      expect(await listIds('?since=2024-01-01T12:00:00.500001Z')).toEqual(['a2', 'b2', 'c1']);
    });

    it('searches text case-insensitively', async () => {
      expect(await listIds('?q=APPLE')).toEqual(['a1']);
      expect(await listIds('?q=pie')).toEqual(['a1']);
    });

    it('folds the case of non-ASCII letters', async () => {
      expect(await listIds('?q=%C3%A4pfel')).toEqual(['b1']);
      expect(await listIds('?q=STRASSE')).toEqual(['b1']);
    });

    it('matches % and _ literally', async () => {
      expect(await listIds('?q=%25')).toEqual(['a2']);
      expect(await listIds('?q=_')).toEqual(['b2']);
      expect(await listIds('?q=0%25%20s')).toEqual(['a2']);
    });

    it('combines filters', async () => {
      const response = await request(service.url)
        .get('/messages?from=%2B4930123456&since=2024-01-02T00:00:00Z&q=CASE')
        .expect(200);

      expect(response.body).toEqual({
        data: [expect.objectContaining({ message_id: 'b2', text: 'snake_case' })],
        total: 1,
        limit: 50,
        offset: 0,
        next_cursor: null,
      });
    });

    it('counts filtered matches in total, not the page', async () => {
      const response = await request(service.url).get('/messages?from=%2B14155550100&limit=1').expect(200);

      expect(response.body.total).toBe(2);
      expect(response.body.data).toHaveLength(1);
    });

    it('keeps filtered totals current as messages arrive', async () => {
      const totalOf = async (query: string) => (await request(service.url).get(`/messages${query}`).expect(200)).body.total;
      const queries = ['?q=apple', '?q=p', '?since=2024-01-02T00:00:00Z', '?from=%2B14155550100&q=pie'];
      expect(await Promise.all(queries.map(totalOf))).toEqual([1, 2, 3, 1]);

      await deliverAll(service.url, [
        messagePayload({ message_id: 'd1', from: '+14155550100', ts: '2024-01-05T09:00:00Z', text: 'Apple PIE again' }),
        messagePayload({ message_id: 'd2', from: '+14155550100', ts: '2023-12-31T09:00:00Z', text: 'no fruit' }),
        messagePayload({ message_id: 'a1', from: '+14155550100', ts: '2024-01-06T09:00:00Z', text: 'apple, repeated id' }),
      ]);

      expect(await Promise.all(queries.map(totalOf))).toEqual([2, 3, 4, 2]);
    });
  });

  describe('invalid parameters', () => {
    const LIMIT_RULE = 'limit must be an integer from 1 to 100';
    const OFFSET_RULE = 'offset must be an integer from 0 to 9007199254740991';
    const TS_RULE =
      'since must be an ISO-8601 UTC time such as 2024-01-01T10:00:00Z (a real date and time, optional fraction of up to 9 digits, ending in Z)';

    it.each([
      ['limit=0', 'limit', LIMIT_RULE, 'greater_than_equal'],
      ['limit=101', 'limit', LIMIT_RULE, 'less_than_equal'],
      ['limit=abc', 'limit', LIMIT_RULE, 'int_parsing'],
      ['limit=', 'limit', LIMIT_RULE, 'int_parsing'],
      ['limit=1.5', 'limit', LIMIT_RULE, 'int_parsing'],
      ['limit=1e1', 'limit', LIMIT_RULE, 'int_parsing'],
      ['limit=0x10', 'limit', LIMIT_RULE, 'int_parsing'],
      ['limit=%2010', 'limit', LIMIT_RULE, 'int_parsing'],
      ['limit=-1', 'limit', LIMIT_RULE, 'int_parsing'],
      ['limit=1&limit=2', 'limit', LIMIT_RULE, 'int_parsing'],
      ['offset=-1', 'offset', OFFSET_RULE, 'int_parsing'],
      ['offset=99999999999999999999', 'offset', OFFSET_RULE, 'int_parsing'],
      ['from=14155550100', 'from', 'from must be + followed by 1 to 15 digits', 'string_pattern_mismatch'],
      ['from=', 'from', 'from must be + followed by 1 to 15 digits', 'string_pattern_mismatch'],
      ['from=%2B1&from=%2B2', 'from', 'from must be a single value', 'string_type'],
      ['since=yesterday', 'since', TS_RULE, 'datetime_format'],
      ['since=2024-02-30T00:00:00Z', 'since', TS_RULE, 'datetime_format'],
      ['q=a&q=b', 'q', 'q must be a single value', 'string_type'],
      ['q=%00', 'q', 'q must not contain NUL (U+0000) characters', 'string_nul_character'],
      [`q=${'x'.repeat(1025)}`, 'q', 'q must be at most 1024 characters', 'string_too_long'],
    ])('rejects %s with 422', async (query, field, msg, type) => {
      const response = await request(service.url).get(`/messages?${query}`);

      expect(response.status).toBe(422);
      expect(response.body).toEqual({ detail: [{ loc: ['query', field], msg, type }] });
    });

    it('reports every invalid parameter', async () => {
      const response = await request(service.url).get('/messages?limit=0&offset=x&since=now');

      expect(response.status).toBe(422);
      expect(response.body).toEqual({
        detail: [
          { loc: ['query', 'limit'], msg: LIMIT_RULE, type: 'greater_than_equal' },
          { loc: ['query', 'offset'], msg: OFFSET_RULE, type: 'int_parsing' },
          { loc: ['query', 'since'], msg: TS_RULE, type: 'datetime_format' },
        ],
      });
    });

    it('ignores unknown parameters', async () => {
      await request(service.url)
        .get('/messages?page=3')
        .expect(200, { data: [], total: 0, limit: 50, offset: 0, next_cursor: null });
    });
  });
});
