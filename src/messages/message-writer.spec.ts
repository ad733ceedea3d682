import { DataSource } from 'typeorm';
import { openMemoryDataSource } from '../../test/support/memory-data-source';
import { MessageTotals } from './message-totals.entity';
import { MessageWriter } from './message-writer';
import { Message } from './message.entity';
import { SenderCount } from './sender-count.entity';

function row(messageId: string, fromMsisdn: string): Message {
  return {
    messageId,
    fromMsisdn,
    toMsisdn: '+2',
    ts: '2024-01-01T10:00:00Z',
    tsKey: '2024-01-01T10:00:00.000000000Z',
    text: messageId,
    textFolded: messageId,
    createdAt: '2024-01-01T10:00:00.000Z',
  };
}

describe('MessageWriter', () => {
  let dataSource: DataSource;
  let writer: MessageWriter;

  beforeEach(async () => {
    dataSource = await openMemoryDataSource();
    writer = new MessageWriter(dataSource);
  });

  afterEach(async () => {
    await dataSource.destroy();
  });

  it('stores concurrent writes in one batch and marks repeats as duplicates', async () => {
    const results = await Promise.all([
      writer.write(row('a', '+1')),
      writer.write(row('b', '+1')),
      writer.write(row('a', '+1')),
      writer.write(row('c', '+3')),
    ]);

    expect(results).toEqual(['created', 'created', 'duplicate', 'created']);
    expect(await dataSource.getRepository(Message).count()).toBe(3);
  });

  it('keeps sender counts and totals equal to the stored messages', async () => {
    await Promise.all([writer.write(row('a', '+1')), writer.write(row('b', '+2'))]);
    await Promise.all([writer.write(row('a', '+1')), writer.write(row('c', '+1')), writer.write(row('d', '+4'))]);

    const senders = await dataSource.getRepository(SenderCount).find({ order: { fromMsisdn: 'ASC' } });
    expect(senders.map((sender) => [sender.fromMsisdn, sender.messageCount])).toEqual([
      ['+1', 2],
      ['+2', 1],
      ['+4', 1],
    ]);
    expect(await dataSource.getRepository(MessageTotals).findOneBy({ id: 1 })).toEqual({
      id: 1,
      totalMessages: 4,
      sendersCount: 3,
    });
  });

  it('stores a group of rows in one transaction with a result per row', async () => {
    await expect(writer.writeAll([row('g1', '+1'), row('g2', '+1'), row('g1', '+1')])).resolves.toEqual([
      'created',
      'created',
      'duplicate',
    ]);
    await expect(writer.writeAll([])).resolves.toEqual([]);
  });

  it('rejects every write of a batch whose transaction fails', async () => {
    await dataSource.query('DROP TABLE sender_counts');

    await expect(writer.write(row('a', '+1'))).rejects.toThrow(/no such table/);
    expect(await dataSource.getRepository(Message).count()).toBe(0);
  });
});
