import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import request from 'supertest';
import { TEST_SECRET, TestApp, startTestApp } from './support/test-app';

const SEND = resolve(__dirname, '../scripts/send.mjs');
const run = promisify(execFile);

/** Runs the send command and returns its exit code and output, whatever the code. */
async function send(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [SEND, ...args], { env: { PATH: process.env.PATH, ...env } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('send command', () => {
  let service: TestApp;

  beforeAll(async () => {
    service = await startTestApp();
  });

  afterAll(async () => {
    await service.close();
  });

  it('builds, signs and posts a message, then prints status, body and request id', async () => {
    const result = await send(['--from', '+14155550100', '--to', '+14155550101', '--text', 'hello', '--id', 'sent-1', '--url', service.url], {
      WEBHOOK_SECRET: TEST_SECRET,
    });

    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^status: 200\nbody: \{"status":"ok"\}\nrequest id: [0-9a-f-]{36}\n$/);
    const listed = await request(service.url).get('/messages?q=hello').expect(200);
    expect(listed.body.data.map((item: { message_id: string }) => item.message_id)).toEqual(['sent-1']);
  });

  it('sends a payload file byte for byte', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'message-service-send-'));
    const file = join(folder, 'payload.json');
    writeFileSync(file, '{"message_id":"sent-file","from":"+1","to":"+2","ts":"2024-01-01T10:00:00Z"}\n');
    try {
      const result = await send(['--file', file, '--secret', TEST_SECRET, '--url', service.url]);

      expect(result.code).toBe(0);
      expect(result.stdout).toContain('status: 200');
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('prints the answer and exits 1 when the service rejects the delivery', async () => {
    const result = await send(['--from', '+1', '--to', '+2', '--secret', 'wrong-secret', '--url', service.url]);

    expect(result.code).toBe(1);
    expect(result.stdout).toContain('status: 401\nbody: {"detail":"invalid signature"}');
  });

  it('explains every option in --help', async () => {
    const result = await send(['--help']);

    expect(result.code).toBe(0);
    for (const option of ['--from', '--to', '--text', '--id', '--ts', '--file', '--secret', '--url', '--help']) {
      expect(result.stdout).toContain(option);
    }
  });

  it('exits 2 for a missing payload file', async () => {
    const result = await send(['--file', '/nonexistent/payload.json', '--secret', TEST_SECRET, '--url', service.url]);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('send: cannot read --file /nonexistent/payload.json: no such file');
  });

  it('exits 2 without a secret', async () => {
    const result = await send(['--from', '+1', '--to', '+2', '--url', service.url]);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('send: no secret: pass --secret or set WEBHOOK_SECRET');
  });
});
