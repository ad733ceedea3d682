import fc from 'fast-check';
import { Message } from '../src/messages/message.entity';
import { closeRawAgent, RawResponse, sendRaw } from './support/raw-http';
import { TEST_SECRET, TestApp, messagePayload, sign, startTestApp } from './support/test-app';

// Cases per property. CI runs the default; FUZZ_RUNS=50000 npm run test:e2e -- fuzz runs a
// longer campaign.
const RUNS = Number(process.env.FUZZ_RUNS ?? 3000);
const TIMEOUT_MS = Math.max(120_000, RUNS * 100);

type SignatureMode = 'valid' | 'upper' | 'prefixed' | 'missing' | 'random' | 'repeated' | 'other-secret';

/** Characters that Node's HTTP client accepts in a header value. */
const headerText = (maxLength: number) =>
  fc.string({ unit: fc.constantFrom(...' !"#$%&()*+,-./0123456789:;<=>?@ABCDEFabcdefXYZxyz[]^_`{|}~'), maxLength });

const jsonValue = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom('1e999999', '-0', '9007199254740993', '0x10', ' +14155550100', '+'.repeat(20)),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { maxKeys: 3 }),
);

/** A valid payload with some fields replaced, removed or duplicated under the alias names. */
const mutatedPayload = fc
  .record({
    message_id: fc.oneof(fc.string({ minLength: 1, maxLength: 300 }), jsonValue),
    from: fc.oneof(fc.stringMatching(/^\+\d{1,16}$/), jsonValue),
    to: fc.oneof(fc.stringMatching(/^\+\d{1,15}$/), jsonValue),
    ts: fc.oneof(
      fc.date({ min: new Date('0001-01-01'), max: new Date('9999-12-31'), noInvalidDate: true }).map((date) => date.toISOString()),
      fc.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,12})?Z?$/),
      jsonValue,
    ),
    text: fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), fc.constant(null), jsonValue),
    from_msisdn: fc.option(fc.oneof(fc.stringMatching(/^\+\d{1,15}$/), jsonValue), { nil: undefined }),
  }, { requiredKeys: [] })
  .map((fields) => JSON.stringify(fields));

const hostileBody = fc.oneof(
  mutatedPayload,
  fc.json({ maxDepth: 4 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.integer({ min: 1, max: 100_000 }).map((depth) => '['.repeat(depth) + ']'.repeat(depth)),
  fc.integer({ min: 1, max: 100_000 }).map((depth) => `{"message_id":"deep","text":${'['.repeat(depth)}${']'.repeat(depth)}}`),
  fc.constant(`{"message_id":"dup","message_id":7,"from":"+1","to":"+2","ts":"2024-01-01T00:00:00Z"}`),
  fc.constant(`\uFEFF${JSON.stringify(messagePayload({ message_id: 'bom' }))}`),
  fc.constant(JSON.stringify(messagePayload({ message_id: 'nul\u0000id', text: 'a\u0000b\u0007c' }))),
  fc.constant(`{"message_id":"big","from":"+1","to":"+2","ts":"2024-01-01T00:00:00Z","text":1e999999}`),
);

const bodyBytes = fc.oneof(
  { weight: 5, arbitrary: hostileBody.map((text) => Buffer.from(text, 'utf8')) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes)) },
);

const signatureMode = fc.constantFrom<SignatureMode>(
  'valid',
  'upper',
  'prefixed',
  'missing',
  'random',
  'repeated',
  'other-secret',
);

const contentType = fc.oneof(
  fc.constant(undefined),
  fc.constantFrom(
    'application/json',
    'application/json; charset=utf-8',
    'application/json;charset=latin1',
    'APPLICATION/JSON',
    'text/plain',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=x',
    '',
  ),
  headerText(60),
);

function signatureHeader(mode: SignatureMode, body: Buffer, random: string): string | string[] | undefined {
  const digest = sign(body);
  switch (mode) {
    case 'valid':
      return digest;
    case 'upper':
      return digest.toUpperCase();
    case 'prefixed':
      return `sha256=${digest}`;
    case 'missing':
      return undefined;
    case 'random':
      return random;
    case 'repeated':
      return [digest, digest];
    case 'other-secret':
      return sign(body, `${TEST_SECRET}-old`);
  }
}

/** Checks the contract's shape of every response: JSON, never 5xx, `detail` on errors. */
function expectContractShape(response: RawResponse): unknown {
  expect(response.status).toBeGreaterThanOrEqual(200);
  expect(response.status).toBeLessThan(500);
  expect(response.headers['content-type']).toMatch(/^application\/json/);
  const body = JSON.parse(response.body) as Record<string, unknown>;
  if (response.status >= 400) {
    expect(Object.keys(body)).toEqual(['detail']);
  }

  return body;
}

describe('hostile input', () => {
  let service: TestApp;

  beforeAll(async () => {
    service = await startTestApp();
  });

  afterAll(async () => {
    closeRawAgent();
    await service.close();
  });

  function countRows(): Promise<number> {
    return service.dataSource.getRepository(Message).count();
  }

  it(
    'never fails on generated webhook requests and stores only signed, valid ones',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          bodyBytes,
          signatureMode,
          headerText(80),
          contentType,
          fc.option(fc.constantFrom('gzip', 'identity', 'br', 'x'), { nil: undefined }),
          async (body, mode, randomSignature, type, encoding) => {
            const before = await countRows();
            const signature = signatureHeader(mode, body, randomSignature);
            const headers: Record<string, string | string[]> = {};
            if (signature !== undefined) {
              headers['X-Signature'] = signature;
            }
            if (type !== undefined) {
              headers['Content-Type'] = type;
            }
            if (encoding !== undefined) {
              headers['Content-Encoding'] = encoding;
            }

            const response = await sendRaw(service.url, { method: 'POST', path: '/webhook', headers, body });
            const answer = expectContractShape(response);
            const after = await countRows();

            const signed = mode === 'valid' || mode === 'upper' || mode === 'prefixed';
            if (!signed) {
              expect(response.status).toBe(401);
            }
            if (response.status === 200) {
              expect(answer).toEqual({ status: 'ok' });
              // TextDecoder drops a leading byte-order mark, as the service does.
              const payload = JSON.parse(new TextDecoder().decode(body)) as Record<string, unknown>;
              const stored = await service.dataSource
                .getRepository(Message)
                .countBy({ messageId: payload.message_id as string });
              expect(stored).toBe(1);
            } else {
              expect(after).toBe(before);
            }
          },
        ),
        { numRuns: RUNS },
      );
    },
    TIMEOUT_MS,
  );

  it(
    'never fails on generated query strings',
    async () => {
      const key = fc.oneof(fc.constantFrom('limit', 'offset', 'from', 'since', 'q', 'cursor'), fc.string({ maxLength: 8 }));
      const value = fc.oneof(
        fc.constantFrom('', ' ', '1e2', '0x10', '-0', '+1', '10.0', ' 10', '%2B1', '+14155550100', '%00', '%FF', '9'.repeat(400)),
        fc.integer({ min: -1000, max: 1000 }).map(String),
        fc.string({ unit: 'binary', maxLength: 30 }).map(encodeURIComponent),
        fc.string({ unit: fc.constantFrom('a', '%', '_', '+', '&', '=', '[', ']', '.', '0'), maxLength: 2000 }),
      );
      const query = fc
        .array(fc.tuple(key, value), { maxLength: 6 })
        .map((pairs) => pairs.map(([name, text]) => `${encodeURIComponent(name)}=${text}`).join('&'));

      await fc.assert(
        fc.asyncProperty(query, async (text) => {
          const response = await sendRaw(service.url, { method: 'GET', path: `/messages?${text}` });
          const body = expectContractShape(response) as Record<string, unknown>;

          expect([200, 400, 414, 422]).toContain(response.status);
          if (response.status === 200) {
            expect(Object.keys(body)).toEqual(['data', 'total', 'limit', 'offset', 'next_cursor']);
            expect(Array.isArray(body.data)).toBe(true);
            expect(typeof body.total).toBe('number');
          }
          if (response.status === 422) {
            for (const issue of body.detail as { loc: unknown[] }[]) {
              expect(issue.loc[0]).toBe('query');
            }
          }
        }),
        { numRuns: RUNS },
      );
    },
    TIMEOUT_MS,
  );
});
