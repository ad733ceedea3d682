import request from 'supertest';
import { Client } from 'pg';
import { postSigned } from './support/http';
import {
  postgresServerInstalled,
  restartPostgresCluster,
  startPostgresCluster,
  stopPostgresCluster,
} from './support/postgres-cluster';
import { ServiceProcess, startServiceProcess } from './support/service-process';
import { TEST_SECRET, TestDatabase, createTestDatabase, messagePayload } from './support/test-app';
import { startWebhookLoad } from './support/webhook-load';

// Runs only in the e2e-postgres project, against the server of TEST_POSTGRES_URL.

async function queryDatabase(url: string, sql: string): Promise<Record<string, unknown>[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

describe('several replicas on one PostgreSQL database', () => {
  let database: TestDatabase;
  let replicas: ServiceProcess[] = [];

  beforeEach(async () => {
    database = await createTestDatabase();
  });

  afterEach(async () => {
    await Promise.all(replicas.map((replica) => replica.stop()));
    replicas = [];
    await database.drop();
  });

  function startReplicas(count: number): Promise<ServiceProcess[]> {
    return Promise.all(
      Array.from({ length: count }, () =>
        startServiceProcess({ WEBHOOK_SECRET: TEST_SECRET, DATABASE_URL: database.url, LOG_LEVEL: 'ERROR' }),
      ),
    );
  }

  it('apply each migration once when they start together', async () => {
    replicas = await startReplicas(4);

    const applied = await queryDatabase(
      database.url,
      'SELECT name, COUNT(*)::int AS count FROM migrations GROUP BY name ORDER BY name',
    );
    expect(applied).toEqual([
      { name: 'AddMessageTotals1765065600000', count: 1 },
      { name: 'AddSearchAndStatsTables1764979200000', count: 1 },
      { name: 'AddTextScanIndex1765152000000', count: 1 },
      { name: 'CreateHealthChecks1764892800000', count: 1 },
      { name: 'CreateMessages1764806400000', count: 1 },
    ]);
    for (const replica of replicas) {
      await request(replica.url).get('/health/ready').expect(200, { status: 'ready' });
    }
  }, 60_000);

  it('store each message once from a burst sent to both', async () => {
    replicas = await startReplicas(2);
    const [first, second] = replicas;
    const deliveries = [];
    for (let index = 0; index < 100; index += 1) {
      const payload = messagePayload({ message_id: `burst-${index % 60}`, ts: `2024-01-01T10:00:${String(index % 60).padStart(2, '0')}Z` });
      // The first 40 ids go to both replicas at the same moment; the rest alternate.
      if (index < 40) {
        deliveries.push(postSigned(first.url, payload), postSigned(second.url, payload));
      } else {
        deliveries.push(postSigned(index % 2 === 0 ? first.url : second.url, payload));
      }
    }
    const responses = await Promise.all(deliveries);

    expect(responses.filter((response) => response.status !== 200)).toEqual([]);
    const [{ count }] = await queryDatabase(database.url, 'SELECT COUNT(*)::int AS count FROM messages');
    expect(count).toBe(60);

    const pages = await Promise.all(replicas.map((replica) => request(replica.url).get('/messages?limit=100')));
    const stats = await Promise.all(replicas.map((replica) => request(replica.url).get('/stats')));
    expect(pages[0].body.total).toBe(60);
    expect(pages[1].body).toEqual(pages[0].body);
    expect(stats[0].body.total_messages).toBe(60);
    expect(stats[1].body).toEqual(stats[0].body);
  }, 60_000);
});

describe('a PostgreSQL restart', () => {
  // A cluster of its own, so restarting it does not disturb the suites that share the main one.
  const itWithServer = postgresServerInstalled() ? it : it.skip;

  itWithServer('answers 503 while the server is down and recovers without a restart', async () => {
    const cluster = await startPostgresCluster();
    const service = await startServiceProcess({
      WEBHOOK_SECRET: TEST_SECRET,
      DATABASE_URL: cluster.url,
      LOG_LEVEL: 'ERROR',
      DATABASE_CONNECT_TIMEOUT_MS: '1000',
    });
    try {
      const load = startWebhookLoad(service.url, 2, 'restart');
      await new Promise((resolveWait) => setTimeout(resolveWait, 300));

      const restarting = restartPostgresCluster(cluster, 1500);
      await new Promise((resolveWait) => setTimeout(resolveWait, 700));
      const duringOutage = await postSigned(service.url, messagePayload({ message_id: 'during-outage' }));
      const readinessDuringOutage = await request(service.url).get('/health/ready');
      await restarting;

      let recovered = false;
      for (let attempt = 0; attempt < 50 && !recovered; attempt += 1) {
        recovered = (await request(service.url).get('/health/ready')).status === 200;
        if (!recovered) {
          await new Promise((resolveWait) => setTimeout(resolveWait, 200));
        }
      }
      const result = await load.stop();

      expect(duringOutage.status).toBe(503);
      expect(duringOutage.body).toEqual({ detail: 'database unavailable, retry later' });
      expect(duringOutage.headers['retry-after']).toBe('1');
      expect(readinessDuringOutage.status).toBe(503);
      expect(readinessDuringOutage.body.status).toBe('not ready');
      expect(recovered).toBe(true);
      await postSigned(service.url, messagePayload({ message_id: 'after-restart' })).expect(200);
      // The service's error lines are compared too, so a failure shows what went wrong.
      const unexpected = result.rejected.filter((entry) => !entry.startsWith('503 '));
      const errorLines = unexpected.length === 0 ? [] : service.stdoutLines().filter((line) => line.includes('Unhandled'));
      expect({ unexpected, errorLines }).toEqual({ unexpected: [], errorLines: [] });
      const stored = await queryDatabase(cluster.url, 'SELECT message_id FROM messages');
      const storedIds = new Set(stored.map((row) => row.message_id));
      expect(result.acknowledged.filter((messageId) => !storedIds.has(messageId))).toEqual([]);
    } finally {
      await service.stop();
      stopPostgresCluster(cluster);
    }
  }, 60_000);
});
