import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NestExpressApplication } from '@nestjs/platform-express';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { Message } from '../../src/messages/message.entity';
import { AppConfig, loadConfig } from '../../src/config/app-config';
import { createApp } from '../../src/create-app';
import { signBody } from '../../src/webhook/signature';

export const TEST_SECRET = 'test-webhook-secret';

/** A running service on 127.0.0.1 with a database of its own. */
export interface TestApp {
  app: NestExpressApplication;
  /** Base URL such as http://127.0.0.1:41234 */
  url: string;
  /** The SQLite file; empty on PostgreSQL. */
  databasePath: string;
  dataSource: DataSource;
  close(): Promise<void>;
}

/** A fresh, empty database and the way to remove it. */
export interface TestDatabase {
  url: string;
  /** The SQLite file; empty on PostgreSQL. */
  path: string;
  drop(): Promise<void>;
}

export function usesPostgres(): boolean {
  return process.env.TEST_DATABASE === 'postgres';
}

/**
 * Creates an empty database: a new database on the TEST_POSTGRES_URL server when the suite runs
 * on PostgreSQL (TEST_DATABASE=postgres), otherwise a SQLite file in a new temporary folder.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  if (!usesPostgres()) {
    const folder = mkdtempSync(join(tmpdir(), 'message-service-'));
    const path = join(folder, 'messages.db');

    return {
      url: `sqlite:///${path}`,
      path,
      drop: () => {
        rmSync(folder, { recursive: true, force: true });
        return Promise.resolve();
      },
    };
  }

  const serverUrl = process.env.TEST_POSTGRES_URL;
  if (serverUrl === undefined) {
    throw new Error('TEST_DATABASE=postgres needs TEST_POSTGRES_URL, which the e2e-postgres project sets');
  }
  const name = `message_service_test_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;

  return {
    url: url.toString(),
    path: '',
    drop: async () => {
      const dropper = new Client({ connectionString: serverUrl });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    },
  };
}

/**
 * Starts the full application over real HTTP on a free loopback port. `env` contains
 * environment variables applied on top of a test secret and a fresh database.
 */
export async function startTestApp(env: NodeJS.ProcessEnv = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const config: AppConfig = loadConfig({
    WEBHOOK_SECRET: TEST_SECRET,
    DATABASE_URL: database.url,
    LOG_LEVEL: 'ERROR',
    ...env,
  });

  const app = await createApp(config);
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;

  return {
    app,
    url: `http://127.0.0.1:${port}`,
    databasePath: database.path,
    dataSource: app.get(DataSource),
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
}

/** Reads every stored message in `message_id` order, with the API's field names, on either engine. */
export async function storedMessages(service: TestApp): Promise<Record<string, unknown>[]> {
  const rows = await service.dataSource.getRepository(Message).find({ order: { messageId: 'ASC' } });

  return rows.map((row) => ({
    message_id: row.messageId,
    from_msisdn: row.fromMsisdn,
    to_msisdn: row.toMsisdn,
    ts: row.ts,
    text: row.text,
  }));
}

/** Builds a valid webhook payload, with `overrides` replacing or adding fields. */
export function messagePayload(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    message_id: 'msg-001',
    from: '+14155550100',
    to: '+14155550101',
    ts: '2024-01-01T10:00:00Z',
    text: 'Hello',
    ...overrides,
  };
}

/** Signs `body` with the test secret, as the gateway does. */
export function sign(body: string | Buffer, secret = TEST_SECRET): string {
  return signBody(secret, body);
}
