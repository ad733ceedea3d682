import { MigrationInterface, QueryRunner, Table } from 'typeorm';

/**
 * Adds the one-row `message_totals` table, filled from the stored messages, and an index on
 * `sender_counts` in the order of `/stats`'s top senders (count descending, then sender).
 */
export class AddMessageTotals1765065600000 implements MigrationInterface {
  name = 'AddMessageTotals1765065600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'message_totals',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true },
          { name: 'total_messages', type: 'integer' },
          { name: 'senders_count', type: 'integer' },
        ],
      }),
    );
    await queryRunner.query(
      'INSERT INTO message_totals (id, total_messages, senders_count) ' +
        'SELECT 1, COUNT(*), COUNT(DISTINCT from_msisdn) FROM messages',
    );
    await queryRunner.query('CREATE INDEX ix_sender_counts_top ON sender_counts (message_count DESC, from_msisdn)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX ix_sender_counts_top');
    await queryRunner.dropTable('message_totals');
  }
}
