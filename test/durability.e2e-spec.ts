import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import request from 'supertest';
import { startServiceProcess } from './support/service-process';
import { TEST_SECRET } from './support/test-app';
import { startWebhookLoad } from './support/webhook-load';

const CRASH_ROUNDS = 3;
const LOAD_CONCURRENCY = 16;

function sleep(milliseconds: number): Promise<void> {
  return new Promise((resolveWait) => setTimeout(resolveWait, milliseconds));
}

/** Reads how often each message id is stored, straight from the SQLite file. */
function storedCounts(databasePath: string): Map<string, number> {
  const database = new Database(databasePath, { readonly: true });
  try {
    const rows = database.prepare('SELECT message_id, COUNT(*) AS count FROM messages GROUP BY message_id').all() as {
      message_id: string;
      count: number;
    }[];

    return new Map(rows.map((row) => [row.message_id, row.count]));
  } finally {
    database.close();
  }
}

/** Appends a figure to the file named by RELIABILITY_FIGURES, for docs/reliability.md. */
function recordFigure(figure: Record<string, unknown>): void {
  const file = process.env.RELIABILITY_FIGURES;
  if (file !== undefined) {
    appendFileSync(file, `${JSON.stringify(figure)}\n`);
  }
}

function integrityCheck(databasePath: string): unknown {
  const database = new Database(databasePath);
  try {
    return database.pragma('integrity_check');
  } finally {
    database.close();
  }
}

describe('durability', () => {
  let folder: string;

  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'message-service-durability-'));
  });

  afterEach(() => {
    rmSync(folder, { recursive: true, force: true });
  });

  it(
    'keeps every acknowledged message through kill -9',
    async () => {
      const env = { WEBHOOK_SECRET: TEST_SECRET, LOG_LEVEL: 'ERROR' };
      const databasePath = join(folder, 'data', 'messages.db');
      const acknowledged: string[] = [];

      for (let round = 1; round <= CRASH_ROUNDS; round += 1) {
        const service = await startServiceProcess(env, folder);
        const load = startWebhookLoad(service.url, LOAD_CONCURRENCY, `crash-${round}`);
        await sleep(1500);
        service.kill('SIGKILL');
        await service.exited;
        const result = await load.stop();

        expect(result.acknowledged.length).toBeGreaterThan(50);
        expect(result.rejected).toEqual([]);
        acknowledged.push(...result.acknowledged);

        expect(integrityCheck(databasePath)).toEqual([{ integrity_check: 'ok' }]);
        const counts = storedCounts(databasePath);
        const missing = acknowledged.filter((messageId) => counts.get(messageId) !== 1);
        expect(missing).toEqual([]);
        recordFigure({
          test: 'kill -9',
          round,
          acknowledged: result.acknowledged.length,
          stored_exactly_once: result.acknowledged.length - missing.length,
          rows_in_database: [...counts.values()].reduce((sum, count) => sum + count, 0),
          no_answer: result.networkErrors,
        });
      }

      const service = await startServiceProcess(env, folder);
      try {
        const stats = await request(service.url).get('/stats').expect(200);
        expect(stats.body.total_messages).toBeGreaterThanOrEqual(acknowledged.length);
      } finally {
        await service.stop();
      }
    },
    60_000,
  );

  it(
    'finishes in-flight requests on SIGTERM and exits 0',
    async () => {
      const databasePath = join(folder, 'data', 'messages.db');
      const service = await startServiceProcess(
        { WEBHOOK_SECRET: TEST_SECRET, LOG_LEVEL: 'ERROR', SHUTDOWN_GRACE_MS: '1000' },
        folder,
      );
      const load = startWebhookLoad(service.url, LOAD_CONCURRENCY, 'shutdown');
      await sleep(500);

      const signalledAt = Date.now();
      service.kill('SIGTERM');
      await sleep(100);
      const readiness = await request(service.url).get('/health/ready');
      const liveness = await request(service.url).get('/health/live');
      const code = await service.exited;
      const shutdownMs = Date.now() - signalledAt;
      const result = await load.stop();

      expect(readiness.status).toBe(503);
      expect(readiness.body).toEqual({ status: 'not ready', error: 'service is shutting down' });
      expect(liveness.status).toBe(200);
      expect(code).toBe(0);
      expect(shutdownMs).toBeLessThan(5000);
      expect(result.rejected).toEqual([]);
      expect(result.acknowledged.length).toBeGreaterThan(50);
      const counts = storedCounts(databasePath);
      const missing = result.acknowledged.filter((messageId) => counts.get(messageId) !== 1);
      expect(missing).toEqual([]);
      expect(integrityCheck(databasePath)).toEqual([{ integrity_check: 'ok' }]);
      recordFigure({
        test: 'SIGTERM',
        shutdown_ms: shutdownMs,
        acknowledged: result.acknowledged.length,
        rejected: result.rejected.length,
        stored_exactly_once: result.acknowledged.length - missing.length,
        no_answer: result.networkErrors,
      });
    },
    30_000,
  );
});
