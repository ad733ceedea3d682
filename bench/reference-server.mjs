// Minimal reference server for the benchmark: the write and list paths of the service's contract
// on plain node:http and better-sqlite3, with no framework, logging or metrics. Each webhook is
// its own commit, with the same SQLite durability setting as the service (WAL, synchronous=FULL).
// Usage: node bench/reference-server.mjs DATABASE_PATH PORT SECRET
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import Database from 'better-sqlite3';

const [path, port, secret] = process.argv.slice(2);
const database = new Database(path, { timeout: 5000 });
database.pragma('journal_mode = WAL');
database.pragma('synchronous = FULL');

const insert = database.prepare(
  'INSERT INTO messages (message_id, from_msisdn, to_msisdn, ts, ts_key, text, text_folded, created_at) ' +
    'VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
);
const countAll = database.prepare('SELECT COUNT(*) AS total FROM messages');
const page = database.prepare(
  'SELECT message_id, from_msisdn, to_msisdn, ts, text, created_at FROM messages ORDER BY ts_key, message_id LIMIT ? OFFSET ?',
);
const MSISDN = /^\+\d{1,15}$/;
const TS = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?Z$/;

function send(response, status, body) {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  response.end(text);
}

function receiveWebhook(request, response) {
  const chunks = [];
  request.on('data', (chunk) => chunks.push(chunk));
  request.on('end', () => {
    const body = Buffer.concat(chunks);
    const expected = createHmac('sha256', secret).update(body).digest();
    const header = String(request.headers['x-signature'] ?? '');
    const received = /^[0-9a-f]{64}$/i.test(header) ? Buffer.from(header, 'hex') : Buffer.alloc(0);
    if (received.length !== expected.length || !timingSafeEqual(received, expected)) {
      send(response, 401, { detail: 'invalid signature' });
      return;
    }

    let payload;
    try {
      payload = JSON.parse(body.toString('utf8'));
    } catch {
      send(response, 422, { detail: [{ loc: ['body'], msg: 'invalid JSON', type: 'json_invalid' }] });
      return;
    }
    const from = payload.from ?? payload.from_msisdn;
    const to = payload.to ?? payload.to_msisdn;
    const ts = TS.exec(payload.ts ?? '');
    const text = payload.text ?? null;
    if (typeof payload.message_id !== 'string' || !MSISDN.test(from) || !MSISDN.test(to) || ts === null) {
      send(response, 422, { detail: [{ loc: ['body'], msg: 'invalid payload', type: 'value_error' }] });
      return;
    }

    const tsKey = `${ts[1]}.${(ts[2] ?? '').padEnd(9, '0')}Z`;
    insert.run(payload.message_id, from, to, payload.ts, tsKey, text, text === null ? null : text.toLowerCase(), new Date().toISOString());
    send(response, 200, { status: 'ok' });
  });
}

function listMessages(url, response) {
  const limit = Number(url.searchParams.get('limit') ?? 50);
  const offset = Number(url.searchParams.get('offset') ?? 0);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100 || !Number.isInteger(offset) || offset < 0) {
    send(response, 422, { detail: [{ loc: ['query'], msg: 'invalid limit or offset', type: 'value_error' }] });
    return;
  }
  send(response, 200, { data: page.all(limit, offset), total: countAll.get().total, limit, offset });
}

createServer((request, response) => {
  const url = new URL(request.url, 'http://localhost');
  if (request.method === 'POST' && url.pathname === '/webhook') {
    receiveWebhook(request, response);
  } else if (request.method === 'GET' && url.pathname === '/messages') {
    listMessages(url, response);
  } else if (request.method === 'GET' && url.pathname === '/health/live') {
    send(response, 200, { status: 'alive' });
  } else {
    send(response, 404, { detail: 'Not Found' });
  }
}).listen(Number(port), '127.0.0.1');
