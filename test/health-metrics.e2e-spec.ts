import request from 'supertest';
import { postSigned } from './support/http';
import { TestApp, messagePayload, startTestApp } from './support/test-app';

/** Reads one sample's value from a Prometheus text exposition, or undefined when absent. */
function sample(metrics: string, name: string): number | undefined {
  const line = metrics.split('\n').find((candidate) => candidate.startsWith(`${name} `));

  return line === undefined ? undefined : Number(line.slice(name.length + 1));
}

describe('health probes', () => {
  it('reports alive and ready with a secret and a migrated database', async () => {
    const service = await startTestApp();
    try {
      await request(service.url).get('/health/live').expect(200, { status: 'alive' });
      await request(service.url).get('/health/ready').expect(200, { status: 'ready' });
    } finally {
      await service.close();
    }
  });

  it('reports not ready without WEBHOOK_SECRET but stays alive', async () => {
    const service = await startTestApp({ WEBHOOK_SECRET: '' });
    try {
      await request(service.url).get('/health/live').expect(200, { status: 'alive' });
      const response = await request(service.url).get('/health/ready');

      expect(response.status).toBe(503);
      expect(response.body).toEqual({ status: 'not ready', error: 'WEBHOOK_SECRET is not configured' });
    } finally {
      await service.close();
    }
  });

  it('reports not ready when a migration is missing', async () => {
    const service = await startTestApp();
    try {
      await service.dataSource.query('DELETE FROM migrations');
      const response = await request(service.url).get('/health/ready');

      expect(response.status).toBe(503);
      expect(response.body).toEqual({ status: 'not ready', error: 'database migrations are pending' });
    } finally {
      await service.close();
    }
  });

  it('reports not ready when the database is closed', async () => {
    const service = await startTestApp();
    try {
      await service.dataSource.destroy();
      const response = await request(service.url).get('/health/ready');

      expect(response.status).toBe(503);
      expect(response.body).toEqual({ status: 'not ready', error: expect.stringMatching(/^database /) });
    } finally {
      await service.app.close();
    }
  });
});

describe('GET /metrics', () => {
  let service: TestApp;

  beforeAll(async () => {
    service = await startTestApp();
  });

  afterAll(async () => {
    await service.close();
  });

  async function scrape(): Promise<string> {
    const response = await request(service.url).get('/metrics').expect(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain/);

    return response.text;
  }

  it('exports every webhook result from start-up', async () => {
    const metrics = await scrape();

    for (const result of ['created', 'duplicate', 'invalid_signature', 'validation_error']) {
      expect(sample(metrics, `webhook_requests_total{result="${result}"}`)).toEqual(expect.any(Number));
    }
  });

  it('exports the process metrics and latency buckets at 100 and 500 ms', async () => {
    await request(service.url).get('/health/live').expect(200);
    const metrics = await scrape();

    expect(metrics).toContain('# TYPE process_cpu_user_seconds_total counter');
    expect(metrics).toContain('# TYPE nodejs_heap_size_used_bytes gauge');
    expect(metrics).toContain('# TYPE http_request_latency_ms histogram');
    expect(sample(metrics, 'http_request_latency_ms_bucket{le="100",path="/health/live"}')).toBeGreaterThanOrEqual(1);
    expect(sample(metrics, 'http_request_latency_ms_bucket{le="500",path="/health/live"}')).toBeGreaterThanOrEqual(1);
  });

  it('counts webhook results, including requests rejected before the handler', async () => {
    const before = await scrape();
    const count = (metrics: string, result: string) => sample(metrics, `webhook_requests_total{result="${result}"}`) ?? 0;
    const statusCount = (metrics: string, status: number) =>
      sample(metrics, `http_requests_total{path="/webhook",status="${status}"}`) ?? 0;

    await postSigned(service.url, messagePayload({ message_id: 'metrics-1' })).expect(200);
    await postSigned(service.url, messagePayload({ message_id: 'metrics-1' })).expect(200);
    await request(service.url).post('/webhook').send('{}').expect(401);
    await postSigned(service.url, { message_id: 'metrics-2' }).expect(422);
    await postSigned(service.url, '[').expect(422);

    const after = await scrape();
    expect(count(after, 'created') - count(before, 'created')).toBe(1);
    expect(count(after, 'duplicate') - count(before, 'duplicate')).toBe(1);
    expect(count(after, 'invalid_signature') - count(before, 'invalid_signature')).toBe(1);
    expect(count(after, 'validation_error') - count(before, 'validation_error')).toBe(2);
    expect(statusCount(after, 200) - statusCount(before, 200)).toBe(2);
    expect(statusCount(after, 401) - statusCount(before, 401)).toBe(1);
    expect(statusCount(after, 422) - statusCount(before, 422)).toBe(2);
  });

  it('labels requests by route template, never by raw URL or query', async () => {
    await request(service.url).get('/messages?limit=5&q=secret-word').expect(200);
    await request(service.url).get('/no/such/route?x=1').expect(404);
    await request(service.url).get('/another-missing-path').expect(404);
    const metrics = await scrape();

    expect(sample(metrics, 'http_requests_total{path="/messages",status="200"}')).toBeGreaterThanOrEqual(1);
    expect(sample(metrics, 'http_requests_total{path="unmatched",status="404"}')).toBe(2);
    expect(metrics).not.toContain('secret-word');
    expect(metrics).not.toContain('/no/such/route');
    expect(metrics).not.toContain('another-missing-path');
  });

  it('counts 413 and 415 rejections under the webhook route', async () => {
    await request(service.url)
      .post('/webhook')
      .set('Content-Type', 'application/json')
      .send('x'.repeat(1024 * 1024 + 1))
      .expect(413);
    const metrics = await scrape();

    expect(sample(metrics, 'http_requests_total{path="/webhook",status="413"}')).toBe(1);
    expect(sample(metrics, 'webhook_requests_total{result="payload_too_large"}')).toBe(1);
  });
});
