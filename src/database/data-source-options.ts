import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type Database from 'better-sqlite3';
import { DataSourceOptions } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { Message } from '../messages/message.entity';
import { MessageTotals } from '../messages/message-totals.entity';
import { SenderCount } from '../messages/sender-count.entity';
import { MIGRATIONS } from './migrations';

export type DatabaseConfig = Pick<
  AppConfig,
  | 'database'
  | 'sqliteBusyTimeoutMs'
  | 'sqliteSynchronous'
  | 'databasePoolSize'
  | 'databaseConnectTimeoutMs'
  | 'databaseStatementTimeoutMs'
>;

/**
 * Builds the TypeORM options for the configured database. The application and the TypeORM
 * CLI (`src/database/data-source.ts`) both use this function, so they cannot drift apart.
 * Both engines share the entities and the migrations.
 */
export function buildDataSourceOptions(config: DatabaseConfig): DataSourceOptions {
  const shared = { entities: [Message, SenderCount, MessageTotals], migrations: MIGRATIONS, migrationsRun: false, synchronize: false };

  if (config.database.engine === 'postgres') {
    return {
      ...shared,
      type: 'postgres',
      url: config.database.url,
      poolSize: config.databasePoolSize,
      connectTimeoutMS: config.databaseConnectTimeoutMs,
      applicationName: 'message-service',
      // Passed to every pg client: the server cancels a statement that runs longer.
      extra: { statement_timeout: config.databaseStatementTimeoutMs },
    };
  }

  const { path } = config.database;
  if (path !== ':memory:') {
    mkdirSync(dirname(path), { recursive: true });
  }

  return {
    ...shared,
    type: 'better-sqlite3',
    database: path,
    timeout: config.sqliteBusyTimeoutMs,
    enableWAL: true,
    prepareDatabase: (db: Database.Database) => {
      // FULL (the default) makes every commit reach the disk before it returns, so a 200
      // survives a power loss. NORMAL in WAL mode survives a process crash but may lose the
      // last commits on power loss.
      db.pragma(`synchronous = ${config.sqliteSynchronous}`);
    },
  };
}
