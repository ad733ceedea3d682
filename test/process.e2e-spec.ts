import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import request from 'supertest';
import { postSigned } from './support/http';
import { runServiceToExit, startServiceProcess } from './support/service-process';
import { TEST_SECRET, messagePayload, sign } from './support/test-app';

type LogLine = Record<string, unknown>;

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

function parseLines(lines: string[]): LogLine[] {
  return lines.map((line) => JSON.parse(line) as LogLine);
}

/** Waits briefly for a log line, which the service writes just after sending the response. */
async function waitForLine(lines: () => string[], predicate: (line: LogLine) => boolean): Promise<LogLine> {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const found = parseLines(lines()).find(predicate);
    if (found !== undefined) {
      return found;
    }
    await new Promise((resolveWait) => setTimeout(resolveWait, 20));
  }
  throw new Error(`no matching log line in:\n${lines().join('\n')}`);
}

describe('service process', () => {
  describe('logs', () => {
    it('writes only JSON lines to stdout, start-up included', async () => {
      const service = await startServiceProcess({ WEBHOOK_SECRET: TEST_SECRET });
      await request(service.url).get('/health/live').expect(200);
      await postSigned(service.url, messagePayload()).expect(200);
      const lines = service.stdoutLines();
      await service.stop();

      expect(lines.length).toBeGreaterThan(3);
      for (const line of lines) {
        expect(() => JSON.parse(line)).not.toThrow();
      }
      const entries = parseLines(lines);
      expect(entries[0]).toMatchObject({ level: 'info', msg: 'Starting Nest application...' });
      for (const entry of entries) {
        expect(entry.ts).toMatch(ISO_TIME);
        expect(['debug', 'info', 'warn', 'error', 'fatal']).toContain(entry.level);
      }
    });

    it('writes one line per request with its fields', async () => {
      const service = await startServiceProcess({ WEBHOOK_SECRET: TEST_SECRET });
      try {
        const response = await request(service.url).get('/messages?limit=5').expect(200);
        const requestId = response.headers['x-request-id'];
        const line = await waitForLine(service.stdoutLines, (entry) => entry.request_id === requestId);

        expect(line).toEqual({
          level: 'info',
          ts: expect.stringMatching(ISO_TIME),
          pid: expect.any(Number),
          hostname: expect.any(String),
          request_id: requestId,
          method: 'GET',
          path: '/messages',
          status: 200,
          latency_ms: expect.any(Number),
          msg: 'request completed',
        });
      } finally {
        await service.stop();
      }
    });

    it('adds message_id, dup and result to webhook lines', async () => {
      const service = await startServiceProcess({ WEBHOOK_SECRET: TEST_SECRET });
      try {
        const first = await postSigned(service.url, messagePayload()).expect(200);
        const second = await postSigned(service.url, messagePayload()).expect(200);
        const invalid = await postSigned(service.url, messagePayload({ from: 'nope' })).expect(422);
        const unsigned = await request(service.url).post('/webhook').send('{}').expect(401);

        const lineOf = (response: request.Response) =>
          waitForLine(service.stdoutLines, (entry) => entry.request_id === response.headers['x-request-id']);
        expect(await lineOf(first)).toMatchObject({ path: '/webhook', status: 200, message_id: 'msg-001', dup: false, result: 'created' });
        expect(await lineOf(second)).toMatchObject({ status: 200, message_id: 'msg-001', dup: true, result: 'duplicate' });
        expect(await lineOf(invalid)).toMatchObject({ status: 422, message_id: 'msg-001', dup: false, result: 'validation_error' });
        const unsignedLine = await lineOf(unsigned);
        expect(unsignedLine).toMatchObject({ status: 401, dup: false, result: 'invalid_signature' });
        expect(unsignedLine).not.toHaveProperty('message_id');
      } finally {
        await service.stop();
      }
    });

    it('never logs the secret, the signature or the message text', async () => {
      const service = await startServiceProcess({ WEBHOOK_SECRET: TEST_SECRET, LOG_LEVEL: 'debug' });
      const body = JSON.stringify(messagePayload({ text: 'private words' }));
      const signature = sign(body);
      await request(service.url)
        .post('/webhook')
        .set('Content-Type', 'application/json')
        .set('X-Signature', signature)
        .send(body)
        .expect(200);
      const output = service.stdoutLines().join('\n');
      await service.stop();

      expect(output).not.toContain(TEST_SECRET);
      expect(output).not.toContain(signature);
      expect(output).not.toContain('private words');
    });

    it('logs an unexpected error once, with its stack and request id', async () => {
      const service = await startServiceProcess({ WEBHOOK_SECRET: TEST_SECRET });
      try {
        const database = new Database(join(service.folder, 'data', 'messages.db'));
        database.exec('DROP TABLE messages');
        database.close();

        const response = await request(service.url).get('/messages').set('X-Request-Id', 'unexpected-1');
        expect(response.status).toBe(500);
        expect(response.body).toEqual({ detail: 'internal server error', request_id: 'unexpected-1' });

        await waitForLine(service.stdoutLines, (entry) => entry.request_id === 'unexpected-1' && entry.status === 500);
        const errorLines = parseLines(service.stdoutLines()).filter(
          (entry) => entry.request_id === 'unexpected-1' && entry.err !== undefined,
        );
        expect(errorLines).toHaveLength(1);
        expect(errorLines[0]).toMatchObject({ level: 'error', msg: 'Unhandled error' });
        expect((errorLines[0].err as { stack: string }).stack).toContain('no such table: messages');
      } finally {
        await service.stop();
      }
    });

    it('keeps current and previous secrets out of a full run of logs', async () => {
      const service = await startServiceProcess({
        WEBHOOK_SECRET: TEST_SECRET,
        WEBHOOK_SECRET_PREVIOUS: 'previous-secret-value',
        LOG_LEVEL: 'debug',
      });
      await postSigned(service.url, messagePayload({ message_id: 'current' })).expect(200);
      await postSigned(service.url, messagePayload({ message_id: 'previous' }), 'previous-secret-value').expect(200);
      await postSigned(service.url, messagePayload({ message_id: 'wrong' }), 'wrong-secret').expect(401);
      await request(service.url).get('/health/ready').expect(200);
      await request(service.url).get('/metrics').expect(200);
      await service.stop();
      const output = `${service.stdoutLines().join('\n')}\n${service.stderr()}`;

      expect(output).not.toContain(TEST_SECRET);
      expect(output).not.toContain('previous-secret-value');
      expect(output).toContain('Service stopped');
    });

    it('reuses a well-formed X-Request-Id and replaces a malformed one', async () => {
      const service = await startServiceProcess({ WEBHOOK_SECRET: TEST_SECRET });
      try {
        const reused = await request(service.url).get('/health/live').set('X-Request-Id', 'gateway-42.a:b_c');
        expect(reused.headers['x-request-id']).toBe('gateway-42.a:b_c');
        await waitForLine(service.stdoutLines, (entry) => entry.request_id === 'gateway-42.a:b_c');

        const replaced = await request(service.url).get('/health/live').set('X-Request-Id', 'bad id {"x":1}');
        expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);

        const tooLong = await request(service.url).get('/health/live').set('X-Request-Id', 'a'.repeat(129));
        expect(tooLong.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
      } finally {
        await service.stop();
      }
    });

    it.each([['WARN'], ['warn'], ['Warn']])('takes LOG_LEVEL=%s in any case and drops info lines', async (level) => {
      const service = await startServiceProcess({ WEBHOOK_SECRET: TEST_SECRET, LOG_LEVEL: level });
      await request(service.url).get('/health/live').expect(200);
      await request(service.url).get('/health/ready').expect(200);
      const levels = parseLines(service.stdoutLines()).map((entry) => entry.level);
      await service.stop();

      expect(levels.filter((entry) => entry === 'info' || entry === 'debug')).toEqual([]);
    });

    it('keeps info lines at LOG_LEVEL=DEBUG', async () => {
      const service = await startServiceProcess({ WEBHOOK_SECRET: TEST_SECRET, LOG_LEVEL: 'DEBUG' });
      const response = await request(service.url).get('/health/live').expect(200);
      await waitForLine(service.stdoutLines, (entry) => entry.request_id === response.headers['x-request-id']);
      await service.stop();
    });
  });

  describe('configuration', () => {
    it('stops with one JSON message naming every invalid variable', async () => {
      const finished = await runServiceToExit({
        PATH: process.env.PATH,
        PORT: 'eighty',
        LOG_LEVEL: 'loud',
        DATABASE_URL: 'mysql://db/messages',
        MAX_BODY_BYTES: '0',
      });

      expect(finished.code).toBe(1);
      expect(finished.stdoutLines).toHaveLength(1);
      const entry = JSON.parse(finished.stdoutLines[0]) as LogLine;
      expect(entry).toMatchObject({ level: 'fatal' });
      expect(entry.problems).toEqual([
        'DATABASE_URL="mysql://db/messages" is invalid: must start with sqlite:/// or postgres://, for example sqlite:///./data/messages.db',
        'LOG_LEVEL="loud" is invalid: must be one of DEBUG, INFO, WARN, ERROR (any case)',
        'PORT="eighty" is invalid: must be an integer from 0 to 65535',
        'MAX_BODY_BYTES="0" is invalid: must be a positive integer number of bytes',
      ]);
      expect(String(entry.msg)).toContain('PORT="eighty"');
    });

    it('stops with JSON lines when the database cannot be opened', async () => {
      const folder = mkdtempSync(join(tmpdir(), 'message-service-bad-database-'));
      try {
        const finished = await runServiceToExit({
          PATH: process.env.PATH,
          WEBHOOK_SECRET: TEST_SECRET,
          // A folder where the database file should be.
          DATABASE_URL: `sqlite:///${folder}`,
        });

        expect(finished.code).toBe(1);
        expect(finished.stdoutLines.length).toBeGreaterThan(0);
        for (const line of finished.stdoutLines) {
          expect(() => JSON.parse(line)).not.toThrow();
        }
        expect(parseLines(finished.stdoutLines).some((entry) => entry.level === 'fatal')).toBe(true);
      } finally {
        rmSync(folder, { recursive: true, force: true });
      }
    });

    it('starts without WEBHOOK_SECRET and reports not ready', async () => {
      const service = await startServiceProcess({});
      try {
        await request(service.url)
          .get('/health/ready')
          .expect(503, { status: 'not ready', error: 'WEBHOOK_SECRET is not configured' });
      } finally {
        await service.stop();
      }
    });

    it('stores messages in ./data/messages.db by default', async () => {
      const folder = mkdtempSync(join(tmpdir(), 'message-service-default-'));
      const service = await startServiceProcess({ WEBHOOK_SECRET: TEST_SECRET }, folder);
      await postSigned(service.url, messagePayload()).expect(200);
      await service.stop();

      expect(existsSync(join(folder, 'data', 'messages.db'))).toBe(true);
      rmSync(folder, { recursive: true, force: true });
    });

    it('reads .env and lets the environment override it', async () => {
      const folder = mkdtempSync(join(tmpdir(), 'message-service-dotenv-'));
      writeFileSync(
        join(folder, '.env'),
        'WEBHOOK_SECRET=from-dotenv\nDATABASE_URL=sqlite:///./custom/app.db\nLOG_LEVEL=ERROR\n',
      );
      const service = await startServiceProcess({ LOG_LEVEL: 'INFO' }, folder);
      try {
        await postSigned(service.url, messagePayload(), 'from-dotenv').expect(200);
        expect(existsSync(join(folder, 'custom', 'app.db'))).toBe(true);
        // INFO from the environment wins over ERROR in .env, so request lines appear.
        await waitForLine(service.stdoutLines, (entry) => entry.msg === 'request completed');
      } finally {
        await service.stop();
        rmSync(folder, { recursive: true, force: true });
      }
    });

    it('takes an absolute path from sqlite:////', async () => {
      const folder = mkdtempSync(join(tmpdir(), 'message-service-absolute-'));
      const databasePath = join(folder, 'nested', 'absolute.db');
      const service = await startServiceProcess({ WEBHOOK_SECRET: TEST_SECRET, DATABASE_URL: `sqlite:///${databasePath}` });
      await postSigned(service.url, messagePayload()).expect(200);
      await service.stop();

      expect(databasePath.startsWith('/')).toBe(true);
      expect(existsSync(databasePath)).toBe(true);
      rmSync(folder, { recursive: true, force: true });
    });
  });

  describe('shutdown', () => {
    it('exits 0 on SIGTERM and keeps what it acknowledged', async () => {
      const folder = mkdtempSync(join(tmpdir(), 'message-service-restart-'));
      const first = await startServiceProcess({ WEBHOOK_SECRET: TEST_SECRET }, folder);
      await postSigned(first.url, messagePayload()).expect(200);
      expect(await first.stop()).toBe(0);

      const second = await startServiceProcess({ WEBHOOK_SECRET: TEST_SECRET }, folder);
      try {
        const response = await request(second.url).get('/messages').expect(200);
        expect(response.body.total).toBe(1);
      } finally {
        await second.stop();
        rmSync(folder, { recursive: true, force: true });
      }
    });
  });
});
