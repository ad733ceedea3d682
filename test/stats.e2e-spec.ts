import request from 'supertest';
import { deliverAll } from './support/http';
import { TestApp, messagePayload, startTestApp } from './support/test-app';

describe('GET /stats', () => {
  let service: TestApp;

  beforeEach(async () => {
    service = await startTestApp();
  });

  afterEach(async () => {
    await service.close();
  });

  it('returns zeros and null timestamps with no messages', async () => {
    const response = await request(service.url).get('/stats');

    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      total_messages: 0,
      senders_count: 0,
      messages_per_sender: [],
      first_message_ts: null,
      last_message_ts: null,
    });
  });

  it('counts messages and senders, and reports the edge timestamps as received', async () => {
    await deliverAll(service.url, [
      messagePayload({ message_id: '1', from: '+300', ts: '2024-01-01T10:00:00.5Z' }),
      messagePayload({ message_id: '2', from: '+200', ts: '2024-01-01T10:00:00Z' }),
      messagePayload({ message_id: '3', from: '+200', ts: '2024-03-01T00:00:00.000Z' }),
      messagePayload({ message_id: '4', from: '+100', ts: '2024-02-01T00:00:00Z' }),
    ]);

    const response = await request(service.url).get('/stats').expect(200);

    expect(response.body).toEqual({
      total_messages: 4,
      senders_count: 3,
      messages_per_sender: [
        { from_msisdn: '+200', count: 2 },
        { from_msisdn: '+100', count: 1 },
        { from_msisdn: '+300', count: 1 },
      ],
      first_message_ts: '2024-01-01T10:00:00Z',
      last_message_ts: '2024-03-01T00:00:00.000Z',
    });
  });

  it('lists the top 10 senders by count, ties by sender ascending', async () => {
    const payloads = [];
    // Sender +1nn sends nn messages for nn from 1 to 12, and +999 ties with +105.
    for (let sender = 1; sender <= 12; sender += 1) {
      for (let index = 0; index < sender; index += 1) {
        payloads.push(messagePayload({ message_id: `s${sender}-${index}`, from: `+1${String(sender).padStart(2, '0')}` }));
      }
    }
    for (let index = 0; index < 5; index += 1) {
      payloads.push(messagePayload({ message_id: `t-${index}`, from: '+999' }));
    }
    await deliverAll(service.url, payloads);

    const response = await request(service.url).get('/stats').expect(200);

    expect(response.body.total_messages).toBe(83);
    expect(response.body.senders_count).toBe(13);
    expect(response.body.messages_per_sender).toEqual([
      { from_msisdn: '+112', count: 12 },
      { from_msisdn: '+111', count: 11 },
      { from_msisdn: '+110', count: 10 },
      { from_msisdn: '+109', count: 9 },
      { from_msisdn: '+108', count: 8 },
      { from_msisdn: '+107', count: 7 },
      { from_msisdn: '+106', count: 6 },
      { from_msisdn: '+105', count: 5 },
      { from_msisdn: '+999', count: 5 },
      { from_msisdn: '+104', count: 4 },
    ]);
  });
});
