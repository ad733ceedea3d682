import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type Database from 'better-sqlite3';
import { DataSourceOptions } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { Message } from '../messages/message.entity';
import { MIGRATIONS } from './migrations';

/** How long a write waits for another connection's lock before failing, in milliseconds. */
const SQLITE_BUSY_TIMEOUT_MS = 5000;

/**
 * Builds the TypeORM options for the configured database. The application and the TypeORM
 * CLI (`src/database/data-source.ts`) both use this function, so they cannot drift apart.
 */
export function buildDataSourceOptions(config: Pick<AppConfig, 'database'>): DataSourceOptions {
  const { path } = config.database;
  if (path !== ':memory:') {
    mkdirSync(dirname(path), { recursive: true });
  }

  return {
    type: 'better-sqlite3',
    database: path,
    timeout: SQLITE_BUSY_TIMEOUT_MS,
    enableWAL: true,
    prepareDatabase: (db: Database.Database) => {
      // FULL makes every commit reach the disk before it returns, so a 200 survives a power loss.
      db.pragma('synchronous = FULL');
    },
    entities: [Message],
    migrations: MIGRATIONS,
    migrationsRun: false,
    synchronize: false,
  };
}
