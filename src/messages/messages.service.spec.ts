import { DataSource } from 'typeorm';
import { createServices, openMemoryDataSource } from '../../test/support/memory-data-source';
import { ListMessagesQueryDto } from './list-messages.query.dto';
import { Message } from './message.entity';
import { MessagesService } from './messages.service';
import { NewMessage } from './new-message';

function newMessage(overrides: Partial<NewMessage> = {}): NewMessage {
  return {
    message_id: 'm1',
    from_msisdn: '+1',
    to_msisdn: '+2',
    ts: '2024-01-01T10:00:00Z',
    text: 'Hello',
    ...overrides,
  };
}

function query(overrides: Partial<ListMessagesQueryDto> = {}): ListMessagesQueryDto {
  return Object.assign(new ListMessagesQueryDto(), overrides);
}

describe('MessagesService', () => {
  let dataSource: DataSource;
  let service: MessagesService;

  beforeEach(async () => {
    dataSource = await openMemoryDataSource();
    service = createServices(dataSource).messages;
  });

  afterEach(async () => {
    await dataSource.destroy();
  });

  it('reports a first delivery as created', async () => {
    await expect(service.store(newMessage())).resolves.toBe('created');
  });

  it('reports a repeated id as duplicate and keeps the first row', async () => {
    await service.store(newMessage({ text: 'first' }));

    await expect(service.store(newMessage({ text: 'second' }))).resolves.toBe('duplicate');
    const rows = await dataSource.getRepository(Message).find();
    expect(rows.map((row) => row.text)).toEqual(['first']);
  });

  it('stores the sort key and folded text beside the values as received', async () => {
    await service.store(newMessage({ ts: '2024-01-01T10:00:00.5Z', text: 'Straße' }));

    const [row] = await dataSource.getRepository(Message).find();
    expect(row).toMatchObject({
      ts: '2024-01-01T10:00:00.5Z',
      tsKey: '2024-01-01T10:00:00.500000000Z',
      text: 'Straße',
      textFolded: 'strasse',
    });
  });

  it('lists in (ts, message_id) order with the total of all matches', async () => {
    await service.store(newMessage({ message_id: 'b', ts: '2024-01-01T10:00:00Z' }));
    await service.store(newMessage({ message_id: 'a', ts: '2024-01-01T10:00:00Z' }));
    await service.store(newMessage({ message_id: 'c', ts: '2024-01-01T09:00:00Z' }));

    const page = await service.list(query({ limit: 2 }));

    expect(page.data.map((item) => item.message_id)).toEqual(['c', 'a']);
    expect(page.total).toBe(3);
    expect(page.limit).toBe(2);
    expect(page.offset).toBe(0);
  });

  it('treats LIKE wildcards in q as ordinary characters', async () => {
    await service.store(newMessage({ message_id: 'percent', text: '50% off' }));
    await service.store(newMessage({ message_id: 'plain', text: '50 off' }));
    await service.store(newMessage({ message_id: 'backslash', text: 'a\\b' }));

    expect((await service.list(query({ q: '%' }))).data.map((item) => item.message_id)).toEqual(['percent']);
    expect((await service.list(query({ q: '\\' }))).data.map((item) => item.message_id)).toEqual(['backslash']);
  });

  it('finds the same pages for dense and sparse searches', async () => {
    const messages = Array.from({ length: 250 }, (_, index) =>
      newMessage({
        message_id: `m${String(index).padStart(3, '0')}`,
        ts: `2024-01-01T10:${String(Math.floor(index / 60)).padStart(2, '0')}:${String(index % 60).padStart(2, '0')}Z`,
        text: `${index % 2 === 0 ? 'Common' : 'other'} ${index === 123 ? 'rareword' : ''}`,
      }),
    );
    await Promise.all(messages.map((message) => service.store(message)));
    const expected = (word: string) =>
      messages.filter((message) => message.text!.toLowerCase().includes(word)).map((message) => message.message_id);

    // "common" is in half of the messages and is read by scanning; "rareword" in one, through the index.
    const dense = await service.list(query({ q: 'common', limit: 100 }));
    const next = await service.list(query({ q: 'common', limit: 100, cursor: dense.next_cursor! }));
    const sparse = await service.list(query({ q: 'rareword' }));

    expect(dense.total).toBe(125);
    expect([...dense.data, ...next.data].map((item) => item.message_id)).toEqual(expected('common'));
    expect(next.next_cursor).toBeNull();
    expect(sparse.data.map((item) => item.message_id)).toEqual(expected('rareword'));
    expect(sparse.total).toBe(1);
  });

  it('never matches a message without text in a search', async () => {
    await service.store(newMessage({ message_id: 'null', text: null }));

    expect((await service.list(query({ q: 'null' }))).total).toBe(0);
  });
});
