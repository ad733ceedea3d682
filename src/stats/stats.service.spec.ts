import { DataSource } from 'typeorm';
import { createServices, openMemoryDataSource } from '../../test/support/memory-data-source';
import { MessagesService } from '../messages/messages.service';
import { StatsService } from './stats.service';

describe('StatsService', () => {
  let dataSource: DataSource;
  let messages: MessagesService;
  let stats: StatsService;

  beforeEach(async () => {
    dataSource = await openMemoryDataSource();
    ({ messages, stats } = createServices(dataSource));
  });

  afterEach(async () => {
    await dataSource.destroy();
  });

  it('returns numbers and nulls for an empty table', async () => {
    await expect(stats.getStats()).resolves.toEqual({
      total_messages: 0,
      senders_count: 0,
      messages_per_sender: [],
      first_message_ts: null,
      last_message_ts: null,
    });
  });

  it('picks the edge timestamps by instant, not by text', async () => {
    // As text "10:00:00.5Z" sorts before "10:00:00Z", but it is the later instant.
    await messages.store({ message_id: 'a', from_msisdn: '+1', to_msisdn: '+2', ts: '2024-01-01T10:00:00.5Z', text: null });
    await messages.store({ message_id: 'b', from_msisdn: '+1', to_msisdn: '+2', ts: '2024-01-01T10:00:00Z', text: null });

    const result = await stats.getStats();

    expect(result.first_message_ts).toBe('2024-01-01T10:00:00Z');
    expect(result.last_message_ts).toBe('2024-01-01T10:00:00.5Z');
    expect(result.messages_per_sender).toEqual([{ from_msisdn: '+1', count: 2 }]);
  });
});
