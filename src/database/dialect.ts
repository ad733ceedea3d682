import { DataSource, QueryRunner, SelectQueryBuilder } from 'typeorm';

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

/** Shortest search text, in characters, that the trigram index can serve; shorter ones scan. */
export const MIN_INDEXED_SEARCH_LENGTH = 3;

/**
 * Creates the index behind `q`. SQLite: an FTS5 table with the trigram tokenizer over
 * `text_folded`, kept in step by triggers and filled from the existing rows. PostgreSQL: a GIN
 * index with pg_trgm's operator class, which serves `LIKE '%...%'` directly.
 */
export async function createTextSearchIndex(queryRunner: QueryRunner): Promise<void> {
  if (isPostgres(queryRunner.connection)) {
    await queryRunner.query('CREATE EXTENSION IF NOT EXISTS pg_trgm');
    await queryRunner.query(
      'CREATE INDEX ix_messages_text_folded_trgm ON messages USING gin (text_folded gin_trgm_ops)',
    );
    return;
  }

  await queryRunner.query(
    "CREATE VIRTUAL TABLE messages_fts USING fts5(text_folded, content='messages', content_rowid='rowid', tokenize='trigram')",
  );
  await queryRunner.query(
    'CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN ' +
      'INSERT INTO messages_fts (rowid, text_folded) VALUES (new.rowid, new.text_folded); END',
  );
  await queryRunner.query(
    'CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN ' +
      "INSERT INTO messages_fts (messages_fts, rowid, text_folded) VALUES ('delete', old.rowid, old.text_folded); END",
  );
  await queryRunner.query("INSERT INTO messages_fts (messages_fts) VALUES ('rebuild')");
}

export async function dropTextSearchIndex(queryRunner: QueryRunner): Promise<void> {
  if (isPostgres(queryRunner.connection)) {
    await queryRunner.query('DROP INDEX ix_messages_text_folded_trgm');
    return;
  }

  await queryRunner.query('DROP TRIGGER messages_fts_delete');
  await queryRunner.query('DROP TRIGGER messages_fts_insert');
  await queryRunner.query('DROP TABLE messages_fts');
}

/** Escapes the LIKE wildcards so `%` and `_` in a search match themselves. */
function escapeLikePattern(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}

/**
 * Restricts `query` (alias `message`) to texts that contain `folded`, literally. The LIKE test
 * is exact on both engines. On SQLite, a search of 3 characters or more first narrows the rows
 * through the FTS5 trigram table, since SQLite cannot use an index for `LIKE '%...%'`.
 * PostgreSQL's planner uses the pg_trgm index for the LIKE by itself.
 */
export function whereTextContains<T extends object>(query: SelectQueryBuilder<T>, folded: string): void {
  query.andWhere(`message.text_folded LIKE :pattern ESCAPE '\\'`, { pattern: `%${escapeLikePattern(folded)}%` });

  if (!isPostgres(query.connection) && [...folded].length >= MIN_INDEXED_SEARCH_LENGTH) {
    // A quoted FTS5 phrase matches its characters literally; a double quote is doubled inside.
    query.andWhere('message.rowid IN (SELECT rowid FROM messages_fts WHERE messages_fts MATCH :phrase)', {
      phrase: `"${folded.replace(/"/g, '""')}"`,
    });
  }
}
