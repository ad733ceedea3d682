// Benchmark: fills databases of BENCH_SIZES messages, then runs the service and the reference
// server (bench/reference-server.mjs) one after the other on copies of the same data. Each server
// is pinned to CPU 0, and autocannon drives every scenario from this process, which the npm
// script pins to CPU 1. Prints requests per second, p50/p99 latency, errors and peak RSS, the ratio
// service / reference, and how each figure moves from the smallest to the largest size.
// After each write scenario it checks that every acknowledged message is stored exactly once, and
// exits 1 if one is not.
//
// Usage: npm run bench    (BENCH_SIZES=100000,1000000 BENCH_SECONDS=5 BENCH_CONNECTIONS=50 BENCH_PORT=18500)
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import { fillDatabase, senderOf } from './fill.mjs';
import { sign as signBody, waitUntilResponding } from './support.mjs';

const SIZES = (process.env.BENCH_SIZES ?? '100000,1000000').split(',').map(Number);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
// The servers listen on 127.0.0.1, on consecutive ports after this one: two per size.
const FIRST_PORT = Number(process.env.BENCH_PORT ?? 18500);
const SECRET = 'bench-secret';
const ROOT = resolve(import.meta.dirname, '..');
const WORK = join(tmpdir(), 'message-service-bench');
// The service runs as `npm run start:prod` runs it, with the same Node.js flags, but without npm
// in between, so the peak RSS read from /proc is the service's own.
const START_ARGS = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts['start:prod'].split(' ').slice(1);
const SERVERS = {
  service: (path, port) => ['node', START_ARGS, {
    WEBHOOK_SECRET: SECRET, DATABASE_URL: `sqlite:///${path}`, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'ERROR', SHUTDOWN_GRACE_MS: '0',
  }],
  reference: (path, port) => ['node', [join(ROOT, 'bench/reference-server.mjs'), path, String(port), SECRET], {}],
};

function sign(body) {
  return signBody(SECRET, body);
}

function webhookBody(messageId) {
  return JSON.stringify({ message_id: messageId, from: '+14155550100', to: '+14155550101', ts: '2025-06-01T10:00:00Z', text: 'benchmark message' });
}

/** Scenarios by name: the request to send, and whether the reference server implements it. */
function scenarios(size, cursor) {
  const duplicate = webhookBody('m1');

  return [
    { name: 'health', reference: true, request: { method: 'GET', path: '/health/live' } },
    { name: 'first page', reference: true, request: { method: 'GET', path: '/messages' } },
    { name: 'offset 90%', reference: true, request: { method: 'GET', path: `/messages?offset=${Math.floor(size * 0.9)}` } },
    { name: 'cursor at 90%', reference: false, request: { method: 'GET', path: `/messages?cursor=${cursor}` } },
    { name: 'q in 5%', reference: false, request: { method: 'GET', path: '/messages?q=needle' } },
    { name: 'q in none', reference: false, request: { method: 'GET', path: '/messages?q=zzqx' } },
    { name: 'from filter', reference: false, request: { method: 'GET', path: `/messages?from=${encodeURIComponent(senderOf(42))}` } },
    { name: 'stats', reference: false, request: { method: 'GET', path: '/stats' } },
    { name: 'webhook new ids', reference: true, writes: true, request: { method: 'POST', path: '/webhook' } },
    {
      name: 'webhook duplicates',
      reference: true,
      request: { method: 'POST', path: '/webhook', body: duplicate, headers: { 'content-type': 'application/json', 'x-signature': sign(duplicate) } },
    },
  ];
}

function peakRssMb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kilobytes = Number(/VmHWM:\s+(\d+)/.exec(status)[1]);

  return kilobytes / 1024;
}

/**
 * Waits until the server responds to the liveness probe quickly again, so requests still queued from
 * a slow scenario do not count against the next one. Gives up after a minute.
 */
async function waitUntilIdle(url) {
  let quick = 0;
  for (let attempt = 0; attempt < 600 && quick < 3; attempt += 1) {
    const startedAt = Date.now();
    await fetch(`${url}/health/live`);
    quick = Date.now() - startedAt < 20 ? quick + 1 : 0;
    await new Promise((wait) => setTimeout(wait, 100));
  }
}

/** Runs one scenario; for new-id webhooks, returns the ids that got a 200 as well. */
async function drive(url, scenario, runLabel) {
  const acknowledged = [];
  let sequence = 0;
  const request = scenario.writes
    ? {
        ...scenario.request,
        setupRequest: (request, context) => {
          sequence += 1;
          context.messageId = `bench-${runLabel}-${sequence}`;
          const body = webhookBody(context.messageId);
          return { ...request, body, headers: { 'content-type': 'application/json', 'x-signature': sign(body) } };
        },
        onResponse: (status, _body, context) => {
          if (status === 200) acknowledged.push(context.messageId);
        },
      }
    : scenario.request;

  const result = await autocannon({ url, connections: CONNECTIONS, duration: SECONDS, requests: [request] });

  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
    acknowledged,
  };
}

/** Counts the acknowledged ids that are stored exactly once. */
function countStoredOnce(path, ids) {
  const database = new Database(path, { readonly: true });
  const lookup = database.prepare('SELECT COUNT(*) AS count FROM messages WHERE message_id = ?');
  const storedOnce = ids.filter((id) => lookup.get(id).count === 1).length;
  database.close();

  return storedOnce;
}

async function benchServer(kind, basePath, size, port) {
  const path = join(WORK, `${kind}-${size}.db`);
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
  copyFileSync(basePath, path);

  const [command, args, env] = SERVERS[kind](path, port);
  const child = spawn('taskset', ['-c', '0', command, ...args], { cwd: ROOT, env: { PATH: process.env.PATH, ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
  const url = `http://127.0.0.1:${port}`;
  await waitUntilResponding(url);

  let cursor = '';
  if (kind === 'service') {
    const page = await (await fetch(`${url}/messages?limit=100&offset=${Math.floor(size * 0.9)}`)).json();
    cursor = page.next_cursor;
  }

  const results = {};
  for (const scenario of scenarios(size, cursor)) {
    if (kind === 'reference' && !scenario.reference) continue;
    await waitUntilIdle(url);
    const outcome = await drive(url, scenario, `${kind}-${size}`);
    results[scenario.name] = { rps: outcome.rps, p50: outcome.p50, p99: outcome.p99, errors: outcome.errors };
    if (scenario.writes) {
      results[scenario.name].acknowledged = outcome.acknowledged.length;
      results[scenario.name].storedOnce = countStoredOnce(path, outcome.acknowledged);
      if (results[scenario.name].storedOnce !== outcome.acknowledged.length) {
        process.stderr.write(`  ${kind} ${size} ${scenario.name}: some acknowledged messages are not stored exactly once\n`);
        process.exitCode = 1;
      }
    }
    results[scenario.name].peakRss = peakRssMb(child.pid);
    process.stderr.write(`  ${kind} ${size} ${scenario.name}: ${outcome.rps.toFixed(0)} req/s, p99 ${outcome.p99} ms, peak RSS so far ${results[scenario.name].peakRss.toFixed(0)} MB\n`);
  }
  const peakRss = peakRssMb(child.pid);

  child.kill('SIGTERM');
  await new Promise((done) => child.once('close', done));
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });

  return { results, peakRss };
}

function table(rows) {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => String(row[column]).length)));
  const line = (row) => `| ${row.map((cell, column) => String(cell).padEnd(widths[column])).join(' | ')} |`;

  return [line(rows[0]), `| ${widths.map((width) => '-'.repeat(width)).join(' | ')} |`, ...rows.slice(1).map(line)].join('\n');
}

const format = (value, digits = 0) => (value === undefined ? 'n/a' : value.toFixed(digits));

mkdirSync(WORK, { recursive: true });
const report = { date: new Date().toISOString(), node: process.version, cpus: cpus().length, cpu: cpus()[0].model, seconds: SECONDS, connections: CONNECTIONS, sizes: {} };
let port = FIRST_PORT;
for (const size of SIZES) {
  const basePath = join(WORK, `base-${size}.db`);
  process.stderr.write(`filling ${size} messages\n`);
  const fillSeconds = await fillDatabase(basePath, size);
  const service = await benchServer('service', basePath, size, (port += 1));
  const reference = await benchServer('reference', basePath, size, (port += 1));
  report.sizes[size] = { fillSeconds, service, reference };
  rmSync(basePath, { force: true });
}

const output = [];
for (const [size, { fillSeconds, service, reference }] of Object.entries(report.sizes)) {
  output.push(`\n${Number(size).toLocaleString('en-US')} messages (filled in ${fillSeconds.toFixed(1)} s); peak RSS service ${service.peakRss.toFixed(0)} MB, reference ${reference.peakRss.toFixed(0)} MB, ratio ${(service.peakRss / reference.peakRss).toFixed(2)}\n`);
  const rows = [['scenario', 'service req/s', 'p50 ms', 'p99 ms', 'errors', 'reference req/s', 'ref p99 ms', 'service / reference', 'stored exactly once']];
  for (const [name, figures] of Object.entries(service.results)) {
    const ref = reference.results[name];
    rows.push([
      name,
      format(figures.rps),
      format(figures.p50),
      format(figures.p99),
      figures.errors,
      format(ref?.rps),
      format(ref?.p99),
      ref === undefined ? 'n/a' : (figures.rps / ref.rps).toFixed(2),
      figures.acknowledged === undefined ? '' : `${figures.storedOnce} of ${figures.acknowledged}` + (ref?.acknowledged === undefined ? '' : ` (ref ${ref.storedOnce} of ${ref.acknowledged})`),
    ]);
  }
  output.push(table(rows));
}

if (SIZES.length > 1) {
  const [small, large] = [SIZES[0], SIZES.at(-1)];
  const rows = [['scenario', `p99 ms at ${small}`, `p99 ms at ${large}`, 'growth', `req/s at ${small}`, `req/s at ${large}`]];
  for (const name of Object.keys(report.sizes[small].service.results)) {
    const a = report.sizes[small].service.results[name];
    const b = report.sizes[large].service.results[name];
    rows.push([name, format(a.p99), format(b.p99), (b.p99 / Math.max(a.p99, 1)).toFixed(2), format(a.rps), format(b.rps)]);
  }
  output.push(`\nHow the service's figures grow from ${small} to ${large} messages\n`);
  output.push(table(rows));
}

const text = output.join('\n');
console.log(text);
mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
writeFileSync(join(ROOT, 'bench/results/latest.json'), `${JSON.stringify(report, null, 2)}\n`);
writeFileSync(join(ROOT, 'bench/results/latest.md'), `${text}\n`);
