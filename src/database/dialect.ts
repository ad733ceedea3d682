import { DataSource, QueryRunner } from 'typeorm';

// Everything that differs between SQLite and PostgreSQL lives in this file.

/** Key of the PostgreSQL advisory lock that serialises migrations across replicas. */
const MIGRATION_LOCK_KEY = 7_412_306_611;

export function isPostgres(dataSource: DataSource): boolean {
  return dataSource.options.type === 'postgres';
}

/**
 * Returns the collation for text columns that are compared, sorted or grouped: "C" on
 * PostgreSQL, so it orders by code point like SQLite's default BINARY collation does and both
 * engines return the same order. SQLite needs none.
 */
export function binaryCollation(queryRunner: QueryRunner): string | undefined {
  return isPostgres(queryRunner.connection) ? 'C' : undefined;
}

/**
 * Applies pending migrations. On PostgreSQL it holds an advisory lock meanwhile, so replicas
 * that start together apply each migration once: the others wait, then find nothing pending.
 */
export async function runMigrationsExclusively(dataSource: DataSource): Promise<void> {
  if (!isPostgres(dataSource)) {
    await dataSource.runMigrations({ transaction: 'each' });
    return;
  }

  const lockHolder = dataSource.createQueryRunner();
  await lockHolder.connect();
  try {
    await lockHolder.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await lockHolder.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    await lockHolder.release();
  }
}
