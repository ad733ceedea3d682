import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DataSource } from 'typeorm';
import { AppConfig, loadConfig } from '../../src/config/app-config';
import { createApp } from '../../src/create-app';
import { signBody } from '../../src/webhook/signature';

export const TEST_SECRET = 'test-webhook-secret';

/** A running service on 127.0.0.1 with its own SQLite file in a temporary folder. */
export interface TestApp {
  app: NestExpressApplication;
  /** Base URL such as http://127.0.0.1:41234 */
  url: string;
  databasePath: string;
  dataSource: DataSource;
  close(): Promise<void>;
}

/**
 * Starts the full application over real HTTP on a free loopback port. `env` contains
 * environment variables applied on top of a test secret and a fresh database file.
 */
export async function startTestApp(env: NodeJS.ProcessEnv = {}): Promise<TestApp> {
  const folder = mkdtempSync(join(tmpdir(), 'message-service-'));
  const databasePath = join(folder, 'messages.db');
  const config: AppConfig = loadConfig({
    WEBHOOK_SECRET: TEST_SECRET,
    DATABASE_URL: `sqlite:///${databasePath}`,
    LOG_LEVEL: 'ERROR',
    ...env,
  });

  const app = await createApp(config);
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;

  return {
    app,
    url: `http://127.0.0.1:${port}`,
    databasePath,
    dataSource: app.get(DataSource),
    close: async () => {
      await app.close();
      rmSync(folder, { recursive: true, force: true });
    },
  };
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
