// Measures what SQLITE_SYNCHRONOUS=FULL costs against NORMAL on webhook ingestion.
// Starts the built service (dist/main.js) once per setting on a fresh database, drives signed
// webhooks with new ids from CONCURRENCY loops for DURATION_MS, and prints requests per second.
// Usage: npm run build && node bench/durability-cost.mjs
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { sign, waitUntilResponding } from './support.mjs';

const DURATION_MS = Number(process.env.DURATION_MS ?? 10_000);
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 32);
const SECRET = 'bench-secret';
const MAIN = resolve(import.meta.dirname, '../dist/main.js');

async function measure(synchronous, port) {
  const folder = mkdtempSync(join(tmpdir(), 'message-service-durability-cost-'));
  const child = spawn(process.execPath, [MAIN], {
    cwd: folder,
    env: { PATH: process.env.PATH, WEBHOOK_SECRET: SECRET, LOG_LEVEL: 'ERROR', HOST: '127.0.0.1', PORT: String(port), SQLITE_SYNCHRONOUS: synchronous, SHUTDOWN_GRACE_MS: '0' },
    stdio: 'ignore',
  });
  const url = `http://127.0.0.1:${port}`;
  await waitUntilResponding(url, '/health/ready');

  let acknowledged = 0;
  let sequence = 0;
  const deadline = Date.now() + DURATION_MS;
  const loop = async () => {
    while (Date.now() < deadline) {
      sequence += 1;
      const body = JSON.stringify({ message_id: `${synchronous}-${sequence}`, from: '+14155550100', to: '+14155550101', ts: '2024-01-01T10:00:00Z', text: 'benchmark' });
      const signature = sign(SECRET, body);
      const response = await fetch(`${url}/webhook`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Signature': signature }, body });
      await response.arrayBuffer();
      if (response.status === 200) acknowledged += 1;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, loop));

  child.kill('SIGTERM');
  await new Promise((done) => child.once('close', done));
  rmSync(folder, { recursive: true, force: true });

  return acknowledged / (DURATION_MS / 1000);
}

const full = await measure('FULL', 18401);
const normal = await measure('NORMAL', 18402);
console.log(`synchronous=FULL:   ${full.toFixed(0)} webhooks/s`);
console.log(`synchronous=NORMAL: ${normal.toFixed(0)} webhooks/s`);
console.log(`FULL / NORMAL:      ${(full / normal).toFixed(2)}`);
