import type Database from 'better-sqlite3';
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

/** Quotes a search as an FTS5 phrase, which matches its characters literally. */
function ftsPhrase(folded: string): string {
  return `"${folded.replace(/"/g, '""')}"`;
}

/** Tells whether SQLite's trigram table can serve a search for `folded` by itself. */
export function usesTrigramTable(connection: DataSource, folded: string): boolean {
  return !isPostgres(connection) && [...folded].length >= MIN_INDEXED_SEARCH_LENGTH;
}

/** Binds a value as the next parameter of a statement and returns its placeholder. */
export type Bind = (value: unknown) => string;

/**
 * Returns the condition on `messages` for texts that contain `folded`, literally. PostgreSQL
 * uses LIKE, which its planner serves from the pg_trgm index. SQLite cannot use an index for a
 * substring, so a search of 3 characters or more goes through the FTS5 trigram table: a quoted
 * phrase of consecutive trigrams is an exact substring match on `text_folded`. Shorter
 * searches, and the `scan` strategy, test each text with `instr`, which is faster when many
 * texts match, because messages are read in order until a page is full. `text_folded` and
 * `folded` are both case-folded, so `instr`'s exact comparison is the case-insensitive match,
 * at about two thirds of LIKE's cost.
 */
export function textContains(dataSource: DataSource, folded: string, strategy: 'index' | 'scan', bind: Bind): string {
  if (isPostgres(dataSource)) {
    return `text_folded LIKE ${bind(`%${escapeLikePattern(folded)}%`)} ESCAPE '\\'`;
  }
  if (strategy === 'index' && usesTrigramTable(dataSource, folded)) {
    return `rowid IN (SELECT rowid FROM messages_fts WHERE messages_fts MATCH ${bind(ftsPhrase(folded))})`;
  }

  return `instr(text_folded, ${bind(folded)}) > 0`;
}

/**
 * Returns the `FROM` clause of the rows of SQLite's trigram table whose text contains `folded`,
 * which counts them without reading the messages. Only for searches that `usesTrigramTable`.
 */
export function trigramMatches(folded: string, bind: Bind): string {
  return `FROM messages_fts WHERE messages_fts MATCH ${bind(ftsPhrase(folded))}`;
}

/** Returns the better-sqlite3 connection behind `dataSource`, or undefined on PostgreSQL. */
export function sqliteConnection(dataSource: DataSource): Database.Database | undefined {
  if (isPostgres(dataSource)) {
    return undefined;
  }

  return (dataSource.driver as unknown as { databaseConnection: Database.Database }).databaseConnection;
}
