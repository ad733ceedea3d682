import { DataSource } from 'typeorm';
import { loadConfig } from '../../src/config/app-config';
import { buildDataSourceOptions } from '../../src/database/data-source-options';

/** Opens a migrated in-memory SQLite database for unit tests of the services. */
export async function openMemoryDataSource(): Promise<DataSource> {
  const dataSource = new DataSource(buildDataSourceOptions(loadConfig({ DATABASE_URL: 'sqlite:///:memory:' })));
  await dataSource.initialize();
  await dataSource.runMigrations();

  return dataSource;
}
