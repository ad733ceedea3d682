import request from 'supertest';
import { TestApp, sign, startTestApp, storedMessages } from './support/test-app';

const APP_SECRET = 'meta-app-secret';
const VERIFY_TOKEN = 'meta-verify-token';
const BUSINESS_NUMBER = '15550783881';

/** Builds a change of Meta's `whatsapp_business_account` webhook, shaped as its documentation shows. */
function change(value: Record<string, unknown>) {
  return {
    field: 'messages',
    value: {
      messaging_product: 'whatsapp',
      metadata: { display_phone_number: BUSINESS_NUMBER, phone_number_id: '106540352242922' },
      ...value,
    },
  };
}

function envelope(...entries: Record<string, unknown>[][]) {
  return {
    object: 'whatsapp_business_account',
    entry: entries.map((changes, index) => ({ id: `10253085000${index}`, changes })),
  };
}

function inbound(id: string, message: Record<string, unknown>) {
  return {
    contacts: [{ profile: { name: 'Kerry Fisher' }, wa_id: '16315551234' }],
    messages: [{ from: '16315551234', id, timestamp: '1704103200', ...message }],
  };
}

describe('WhatsApp Cloud API webhook', () => {
  let service: TestApp;

  beforeEach(async () => {
    service = await startTestApp({ WHATSAPP_APP_SECRET: APP_SECRET, WHATSAPP_VERIFY_TOKEN: VERIFY_TOKEN });
  });

  afterEach(async () => {
    await service.close();
  });

  function deliver(body: unknown, signature?: string) {
    const raw = JSON.stringify(body);

    return request(service.url)
      .post('/webhook/whatsapp')
      .set('Content-Type', 'application/json')
      .set('X-Hub-Signature-256', signature ?? `sha256=${sign(raw, APP_SECRET)}`)
      .serialize((bytes: unknown) => bytes as string)
      .send(raw);
  }

  async function metric(name: string): Promise<number> {
    const text = (await request(service.url).get('/metrics')).text;
    const line = text.split('\n').find((candidate) => candidate.startsWith(`${name} `));

    return Number(line?.split(' ')[1] ?? 0);
  }

  describe('subscription handshake', () => {
    it('echoes the challenge when the verify token matches', async () => {
      const response = await request(service.url).get(
        `/webhook/whatsapp?hub.mode=subscribe&hub.verify_token=${VERIFY_TOKEN}&hub.challenge=1158201444`,
      );

      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toMatch(/^text\/plain/);
      expect(response.text).toBe('1158201444');
    });

    it.each([
      ['a wrong token', `hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=1`],
      ['a wrong mode', `hub.mode=unsubscribe&hub.verify_token=${VERIFY_TOKEN}&hub.challenge=1`],
      ['no challenge', `hub.mode=subscribe&hub.verify_token=${VERIFY_TOKEN}`],
    ])('answers 403 to %s', async (_case, query) => {
      const response = await request(service.url).get(`/webhook/whatsapp?${query}`);

      expect(response.status).toBe(403);
      expect(response.body).toEqual({ detail: 'verification failed' });
    });
  });

  it('stores a text message', async () => {
    await deliver(envelope([change(inbound('wamid.text1', { type: 'text', text: { body: 'Hi there' } }))])).expect(200, {
      status: 'ok',
    });

    expect(await storedMessages(service)).toEqual([
      { message_id: 'wamid.text1', from_msisdn: '+16315551234', to_msisdn: '+15550783881', ts: '2024-01-01T10:00:00Z', text: 'Hi there' },
    ]);
  });

  it('stores media with its caption, and without one as null', async () => {
    await deliver(
      envelope([
        change(inbound('wamid.image1', { type: 'image', image: { caption: 'Our new office', mime_type: 'image/jpeg', id: 'media-1' } })),
        change(inbound('wamid.audio1', { type: 'audio', audio: { mime_type: 'audio/ogg', id: 'media-2' } })),
      ]),
    ).expect(200);

    const texts = (await storedMessages(service)).map((row) => [row.message_id, row.text]);
    expect(texts).toEqual([
      ['wamid.audio1', null],
      ['wamid.image1', 'Our new office'],
    ]);
  });

  it('stores an unknown message type instead of rejecting it', async () => {
    await deliver(envelope([change(inbound('wamid.new1', { type: 'hologram', hologram: { caption: 'future' } }))])).expect(200);
    await deliver(envelope([change(inbound('wamid.new2', { type: 'unsupported', errors: [{ code: 131051 }] }))])).expect(200);

    const texts = (await storedMessages(service)).map((row) => [row.message_id, row.text]);
    expect(texts).toEqual([
      ['wamid.new1', 'future'],
      ['wamid.new2', null],
    ]);
  });

  it('stores a batch of several messages and entries', async () => {
    const first = change({
      messages: [
        { from: '16315551234', id: 'wamid.b1', timestamp: '1704103200', type: 'text', text: { body: 'one' } },
        { from: '16315551235', id: 'wamid.b2', timestamp: '1704103201', type: 'text', text: { body: 'two' } },
      ],
    });
    const second = change(inbound('wamid.b3', { type: 'text', text: { body: 'three' } }));

    await deliver(envelope([first], [second])).expect(200);

    expect((await storedMessages(service)).map((row) => row.message_id)).toEqual(['wamid.b1', 'wamid.b2', 'wamid.b3']);
    const stats = await request(service.url).get('/stats').expect(200);
    expect(stats.body.total_messages).toBe(3);
    const listed = await request(service.url).get('/messages?q=two').expect(200);
    expect(listed.body.data.map((item: { message_id: string }) => item.message_id)).toEqual(['wamid.b2']);
  });

  it('counts statuses without storing them', async () => {
    const statuses = change({
      statuses: [
        { id: 'wamid.out1', status: 'delivered', timestamp: '1704103300', recipient_id: '16315551234' },
        { id: 'wamid.out1', status: 'read', timestamp: '1704103400', recipient_id: '16315551234' },
      ],
    });

    const deliveredBefore = await metric('whatsapp_statuses_total{status="delivered"}');
    const readBefore = await metric('whatsapp_statuses_total{status="read"}');

    await deliver(envelope([statuses])).expect(200, { status: 'ok' });

    expect(await storedMessages(service)).toEqual([]);
    expect((await metric('whatsapp_statuses_total{status="delivered"}')) - deliveredBefore).toBe(1);
    expect((await metric('whatsapp_statuses_total{status="read"}')) - readBefore).toBe(1);
  });

  it('ignores a duplicate message id and counts it', async () => {
    const names = [
      'whatsapp_messages_total{result="created"}',
      'whatsapp_messages_total{result="duplicate"}',
      'whatsapp_deliveries_total{result="accepted"}',
    ];
    const before = await Promise.all(names.map(metric));
    const body = envelope([change(inbound('wamid.dup1', { type: 'text', text: { body: 'first' } }))]);
    await deliver(body).expect(200);
    await deliver(envelope([change(inbound('wamid.dup1', { type: 'text', text: { body: 'changed' } }))])).expect(200);
    const after = await Promise.all(names.map(metric));

    expect((await storedMessages(service)).map((row) => row.text)).toEqual(['first']);
    expect(after.map((value, index) => value - before[index])).toEqual([1, 1, 2]);
  });

  it('rejects a wrong signature with 401 and stores nothing', async () => {
    const before = await metric('whatsapp_deliveries_total{result="invalid_signature"}');
    const body = envelope([change(inbound('wamid.sig1', { type: 'text', text: { body: 'x' } }))]);
    const response = await deliver(body, `sha256=${sign(JSON.stringify(body), 'another-secret')}`);

    expect(response.status).toBe(401);
    expect(response.body).toEqual({ detail: 'invalid signature' });
    expect(await storedMessages(service)).toEqual([]);
    expect((await metric('whatsapp_deliveries_total{result="invalid_signature"}')) - before).toBe(1);
  });

  it('requires the sha256= prefix', async () => {
    const body = envelope([change(inbound('wamid.sig3', { type: 'text', text: { body: 'x' } }))]);

    await deliver(body, sign(JSON.stringify(body), APP_SECRET)).expect(401, { detail: 'invalid signature' });
  });

  it('does not accept the /webhook secret in place of the app secret', async () => {
    const body = envelope([change(inbound('wamid.sig2', { type: 'text', text: { body: 'x' } }))]);

    await deliver(body, `sha256=${sign(JSON.stringify(body))}`).expect(401);
  });

  it.each([
    ['another object', { object: 'page', entry: [] }, [{ loc: ['body', 'object'], msg: 'object must be "whatsapp_business_account"', type: 'literal_error' }]],
    ['no entry list', { object: 'whatsapp_business_account' }, [{ loc: ['body', 'entry'], msg: 'entry must be a list', type: 'list_type' }]],
    [
      'a message without a timestamp',
      envelope([change({ messages: [{ from: '16315551234', id: 'wamid.x', type: 'text', text: { body: 'x' } }] })]),
      [{ loc: ['body', 'entry', '0', 'changes', '0', 'value', 'messages', '0', 'timestamp'], msg: 'timestamp must be Unix seconds', type: 'int_parsing' }],
    ],
  ])('rejects %s with 422', async (_case, body, detail) => {
    const response = await deliver(body);

    expect(response.status).toBe(422);
    expect(response.body).toEqual({ detail });
    expect(await storedMessages(service)).toEqual([]);
  });

  it('accepts deliveries up to 3 MiB', async () => {
    const messages = Array.from({ length: 600 }, (_, index) => ({
      from: '16315551234',
      id: `wamid.large${index}`,
      timestamp: '1704103200',
      type: 'text',
      text: { body: 'x'.repeat(4000) },
    }));

    await deliver(envelope([change({ messages })])).expect(200);
    expect(await storedMessages(service)).toHaveLength(600);
  });

  it('answers 503 while no app secret is configured', async () => {
    const unconfigured = await startTestApp();
    try {
      const response = await request(unconfigured.url).post('/webhook/whatsapp').send('{}');

      expect(response.status).toBe(503);
      expect(response.body).toEqual({ detail: 'WHATSAPP_APP_SECRET is not configured' });
    } finally {
      await unconfigured.close();
    }
  });
});
