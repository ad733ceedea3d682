import { MigrationInterface, QueryRunner, Table } from 'typeorm';

/** Creates the one-row table that the readiness probe writes to prove the database takes writes. */
export class CreateHealthChecks1764892800000 implements MigrationInterface {
  name = 'CreateHealthChecks1764892800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'health_checks',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true },
          { name: 'checked_at', type: 'varchar', length: '30' },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('health_checks');
  }
}
