import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import request from 'supertest';
import { postSigned } from './support/http';
import { TestApp, messagePayload, startTestApp } from './support/test-app';

/** Tells whether this process may mount a tmpfs, which the disk faults need (root may). */
function canMountTmpfs(): boolean {
  const probe = mkdtempSync(join(tmpdir(), 'message-service-mount-probe-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', probe], { stdio: 'ignore' });
    execFileSync('umount', [probe], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  } finally {
    rmSync(probe, { recursive: true, force: true });
  }
}

const itWithMount = canMountTmpfs() ? it : it.skip;
if (itWithMount === it.skip) {
  console.warn('Disk fault tests skipped: mounting a tmpfs needs root.');
}

async function expectUnavailable(service: TestApp, messageId: string): Promise<void> {
  const response = await postSigned(service.url, messagePayload({ message_id: messageId, text: 'x'.repeat(4000) }));

  expect(response.status).toBe(503);
  expect(response.body).toEqual({ detail: 'database unavailable, retry later' });
  expect(response.headers['retry-after']).toBe('1');
}

async function expectNotReady(service: TestApp, reason: RegExp): Promise<void> {
  const response = await request(service.url).get('/health/ready');

  expect(response.status).toBe(503);
  expect(response.body).toEqual({ status: 'not ready', error: expect.stringMatching(reason) });
}

async function expectRecovered(service: TestApp, messageId: string): Promise<void> {
  await postSigned(service.url, messagePayload({ message_id: messageId })).expect(200, { status: 'ok' });
  await request(service.url).get('/health/ready').expect(200, { status: 'ready' });
  const listed = await request(service.url).get('/messages?limit=100').expect(200);
  expect(listed.body.data.map((item: { message_id: string }) => item.message_id)).toContain(messageId);
}

describe('database faults', () => {
  it('answers 503 while another process holds the write lock, then recovers', async () => {
    const service = await startTestApp({ SQLITE_BUSY_TIMEOUT_MS: '200' });
    const locker = new Database(service.databasePath);
    try {
      locker.exec('BEGIN EXCLUSIVE');

      await expectUnavailable(service, 'locked-1');
      await expectNotReady(service, /^database did not accept a write: database is locked/);
      await request(service.url).get('/messages').expect(200);

      locker.exec('ROLLBACK');
      await expectRecovered(service, 'after-lock');
    } finally {
      locker.close();
      await service.close();
    }
  });

  it('answers 503 while the database files are read-only, then recovers', async () => {
    const service = await startTestApp();
    const files = [service.databasePath, `${service.databasePath}-wal`];
    try {
      // The immutable attribute makes a file read-only even for root and for descriptors that
      // are already open, as a read-only remount would.
      execFileSync('chattr', ['+i', ...files]);
    } catch {
      await service.close();
          console.warn('Read-only fault test skipped: chattr +i is not supported here.');
      return;
    }

    try {
      await expectUnavailable(service, 'read-only-1');
      await expectNotReady(service, /^database did not accept a write: disk I\/O error/);
      await request(service.url).get('/messages').expect(200);
    } finally {
      execFileSync('chattr', ['-i', ...files]);
    }

    await expectRecovered(service, 'after-read-only');
    await service.close();
  });

  it('answers 500 with the request id on an unexpected database error', async () => {
    const service = await startTestApp();
    try {
      await service.dataSource.query('DROP TABLE messages');
      const response = await request(service.url).get('/messages').set('X-Request-Id', 'broken-table-1');

      expect(response.status).toBe(500);
      expect(response.body).toEqual({ detail: 'internal server error', request_id: 'broken-table-1' });
    } finally {
      await service.close();
    }
  });

  describe('on a small filesystem', () => {
    let mountPoint: string;
    let service: TestApp;

    beforeEach(async () => {
      if (itWithMount === it.skip) {
        return;
      }
      mountPoint = mkdtempSync(join(tmpdir(), 'message-service-tmpfs-'));
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', mountPoint]);
      service = await startTestApp({ DATABASE_URL: `sqlite:///${join(mountPoint, 'messages.db')}` });
    });

    afterEach(async () => {
      if (itWithMount === it.skip) {
        return;
      }
      await service.close();
      execFileSync('umount', ['-l', mountPoint]);
      rmSync(mountPoint, { recursive: true, force: true });
    });

    itWithMount('answers 503 when the disk is full, then recovers', async () => {
      const filler = join(mountPoint, 'filler');
      const chunk = Buffer.alloc(4096);
      let written = 0;
      try {
        for (;;) {
          writeFileSync(filler, chunk, { flag: 'a' });
          written += chunk.length;
        }
      } catch (error) {
        expect((error as NodeJS.ErrnoException).code).toBe('ENOSPC');
      }
      expect(written).toBeGreaterThan(0);

      await expectUnavailable(service, 'full-1');
      await expectNotReady(service, /^database did not accept a write: database or disk is full/);

      rmSync(filler);
      await expectRecovered(service, 'after-full');
    });
  });
});
