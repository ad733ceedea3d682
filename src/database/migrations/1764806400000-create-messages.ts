import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { binaryCollation } from '../dialect';

/** Creates the messages table with the indexes that serve ordering and the `from` filter. */
export class CreateMessages1764806400000 implements MigrationInterface {
  name = 'CreateMessages1764806400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const collation = binaryCollation(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'messages',
        columns: [
          { name: 'message_id', type: 'varchar', length: '256', isPrimary: true, collation },
          { name: 'from_msisdn', type: 'varchar', length: '16', collation },
          { name: 'to_msisdn', type: 'varchar', length: '16', collation },
          { name: 'ts', type: 'varchar', length: '40' },
          { name: 'ts_key', type: 'varchar', length: '30', collation },
          { name: 'text', type: 'text', isNullable: true },
          { name: 'text_folded', type: 'text', isNullable: true },
          { name: 'created_at', type: 'varchar', length: '30' },
        ],
      }),
    );

    await queryRunner.createIndex(
      'messages',
      new TableIndex({ name: 'ix_messages_ts_key_message_id', columnNames: ['ts_key', 'message_id'] }),
    );
    await queryRunner.createIndex(
      'messages',
      new TableIndex({
        name: 'ix_messages_from_msisdn_ts_key_message_id',
        columnNames: ['from_msisdn', 'ts_key', 'message_id'],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('messages');
  }
}
