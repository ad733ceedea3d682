#!/usr/bin/env node
// Sends one signed message to the service's webhook and prints the status, the body and the
// request id. Run `npm run send -- --help` for the options.
import { createHmac, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

const HELP = `Usage: npm run send -- [options]

Builds a webhook payload (or reads one from a file), signs it with HMAC-SHA256 and posts it.

Options:
  --from MSISDN      sender, + then 1 to 15 digits (required without --file)
  --to MSISDN        recipient, + then 1 to 15 digits (required without --file)
  --text TEXT        message text (default: none, sent as null)
  --id ID            message_id (default: a new random UUID)
  --ts TIME          ISO-8601 UTC time ending in Z (default: now)
  --file PATH        send this file's bytes as the body instead of building one
  --secret SECRET    signing key (default: the WEBHOOK_SECRET environment variable)
  --url URL          service base URL (default: http://localhost:8000)
  --help             print this help

Exit status: 0 for a 2xx answer, 1 for any other answer or a connection error, 2 for bad options.`;

function fail(message) {
  console.error(`send: ${message}\n\n${HELP}`);
  process.exit(2);
}

let options;
try {
  ({ values: options } = parseArgs({
    options: {
      from: { type: 'string' },
      to: { type: 'string' },
      text: { type: 'string' },
      id: { type: 'string' },
      ts: { type: 'string' },
      file: { type: 'string' },
      secret: { type: 'string' },
      url: { type: 'string', default: 'http://localhost:8000' },
      help: { type: 'boolean', default: false },
    },
  }));
} catch (error) {
  fail(error.message);
}

if (options.help) {
  console.log(HELP);
  process.exit(0);
}

const secret = options.secret ?? process.env.WEBHOOK_SECRET;
if (!secret) {
  fail('no secret: pass --secret or set WEBHOOK_SECRET');
}

let body;
if (options.file !== undefined) {
  try {
    body = readFileSync(options.file);
  } catch (error) {
    fail(`cannot read --file ${options.file}: ${error.code === 'ENOENT' ? 'no such file' : error.message}`);
  }
} else {
  if (options.from === undefined || options.to === undefined) {
    fail('--from and --to are required unless --file is given');
  }
  const payload = {
    message_id: options.id ?? randomUUID(),
    from: options.from,
    to: options.to,
    ts: options.ts ?? `${new Date().toISOString().slice(0, 19)}Z`,
    text: options.text ?? null,
  };
  body = Buffer.from(JSON.stringify(payload), 'utf8');
}

const signature = createHmac('sha256', secret).update(body).digest('hex');
const url = `${options.url.replace(/\/+$/, '')}/webhook`;
try {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Signature': signature },
    body,
  });
  console.log(`status: ${response.status}`);
  console.log(`body: ${await response.text()}`);
  console.log(`request id: ${response.headers.get('x-request-id') ?? '(none)'}`);
  process.exit(response.ok ? 0 : 1);
} catch (error) {
  console.error(`send: could not reach ${url}: ${error.cause?.message ?? error.message}`);
  process.exit(1);
}
