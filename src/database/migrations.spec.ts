import { openMemoryDataSource } from '../../test/support/memory-data-source';

describe('migrations', () => {
  it('match the entity schema', async () => {
    const dataSource = await openMemoryDataSource();
    try {
      const pending = await dataSource.driver.createSchemaBuilder().log();

      expect(pending.upQueries.map((query) => query.query)).toEqual([]);
    } finally {
      await dataSource.destroy();
    }
  });

  it('leave nothing pending', async () => {
    const dataSource = await openMemoryDataSource();
    try {
      await expect(dataSource.showMigrations()).resolves.toBe(false);
    } finally {
      await dataSource.destroy();
    }
  });
});
