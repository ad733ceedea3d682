import { DataSource } from 'typeorm';
import { loadConfig } from '../../src/config/app-config';
import { buildDataSourceOptions } from '../../src/database/data-source-options';
import { MessageTotals } from '../../src/messages/message-totals.entity';
import { MessageWriter } from '../../src/messages/message-writer';
import { Message } from '../../src/messages/message.entity';
import { MessagesService } from '../../src/messages/messages.service';
import { SenderCount } from '../../src/messages/sender-count.entity';
import { StatsService } from '../../src/stats/stats.service';

/** Opens a migrated in-memory SQLite database for unit tests of the services. */
export async function openMemoryDataSource(): Promise<DataSource> {
  const dataSource = new DataSource(buildDataSourceOptions(loadConfig({ DATABASE_URL: 'sqlite:///:memory:' })));
  await dataSource.initialize();
  await dataSource.runMigrations();

  return dataSource;
}

/** Builds the services over `dataSource` as Nest would inject them. */
export function createServices(dataSource: DataSource): { messages: MessagesService; stats: StatsService } {
  const messages = dataSource.getRepository(Message);
  const senderCounts = dataSource.getRepository(SenderCount);
  const totals = dataSource.getRepository(MessageTotals);

  return {
    messages: new MessagesService(dataSource, new MessageWriter(dataSource)),
    stats: new StatsService(messages, senderCounts, totals),
  };
}
