import { openMemoryDataSource } from '../../test/support/memory-data-source';

describe('migrations', () => {
  it('create exactly the schema the entities describe', async () => {
    const dataSource = await openMemoryDataSource();
    try {
      const pending = await dataSource.driver.createSchemaBuilder().log();

      expect(pending.upQueries.map((query) => query.query)).toEqual([]);
    } finally {
      await dataSource.destroy();
    }
  });

  it('leave nothing pending after running', async () => {
    const dataSource = await openMemoryDataSource();
    try {
      await expect(dataSource.showMigrations()).resolves.toBe(false);
    } finally {
      await dataSource.destroy();
    }
  });
});
