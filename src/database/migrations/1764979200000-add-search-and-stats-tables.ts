import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { binaryCollation, createTextSearchIndex, dropTextSearchIndex } from '../dialect';

/**
 * Adds `sender_counts`, filled from the stored messages, and an index that serves
 * case-insensitive substring search on `text_folded` (FTS5 trigram on SQLite, pg_trgm on
 * PostgreSQL).
 */
export class AddSearchAndStatsTables1764979200000 implements MigrationInterface {
  name = 'AddSearchAndStatsTables1764979200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'sender_counts',
        columns: [
          { name: 'from_msisdn', type: 'varchar', length: '16', isPrimary: true, collation: binaryCollation(queryRunner) },
          { name: 'message_count', type: 'integer' },
        ],
      }),
    );
    await queryRunner.query(
      'INSERT INTO sender_counts (from_msisdn, message_count) SELECT from_msisdn, COUNT(*) FROM messages GROUP BY from_msisdn',
    );

    await createTextSearchIndex(queryRunner);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await dropTextSearchIndex(queryRunner);
    await queryRunner.dropTable('sender_counts');
  }
}
