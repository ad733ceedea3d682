// Fills a database for the benchmark. It applies the service's migrations through the built data
// source and bulk-inserts ROWS messages with better-sqlite3 in one transaction. Then it rebuilds
// the search indexes, the per-sender counts and the totals once, instead of row by row.
// About 5% of the texts contain the word "needle"; none contains "zzqx".
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import Database from 'better-sqlite3';

const require = createRequire(import.meta.url);
const { DataSource } = require('typeorm');
const { buildDataSourceOptions } = require('../dist/database/data-source-options.js');
const { loadConfig } = require('../dist/config/app-config.js');
const { foldText } = require('../dist/messages/message-fields.js');

export const SENDERS = 10_000;
const WORDS = ['hello', 'meeting', 'tomorrow', 'invoice', 'delivery', 'thanks', 'call', 'me', 'when', 'ready', 'ok', 'see', 'you', 'at', 'the', 'office', 'Grüße', 'straße', 'café', 'ñandú'];

/** Returns the sender of message number `index`; a few senders send much more than the others. */
export function senderOf(index) {
  const skewed = index % 7 === 0 ? index % 10 : index % SENDERS;

  return `+1415${String(1_000_000 + skewed).padStart(7, '0')}`;
}

/** Creates `path` with `rows` messages and returns the seconds it took. */
export async function fillDatabase(path, rows) {
  const startedAt = process.hrtime.bigint();
  for (const suffix of ['', '-wal', '-shm']) {
    rmSync(`${path}${suffix}`, { force: true });
  }

  const dataSource = new DataSource(buildDataSourceOptions(loadConfig({ DATABASE_URL: `sqlite:///${path}` })));
  await dataSource.initialize();
  await dataSource.runMigrations();
  await dataSource.destroy();

  const database = new Database(path);
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = OFF');
  // The trigger that feeds the search table and the text scan index are dropped for the bulk
  // insert and recreated afterwards from the definitions the migrations created.
  const deferred = database
    .prepare("SELECT type, name, sql FROM sqlite_master WHERE name IN ('messages_fts_insert', 'ix_messages_text_scan')")
    .all();
  for (const { type, name } of deferred) {
    database.exec(`DROP ${type.toUpperCase()} ${name}`);
  }
  const insert = database.prepare(
    'INSERT INTO messages (message_id, from_msisdn, to_msisdn, ts, ts_key, text, text_folded, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const start = Date.UTC(2024, 0, 1);
  const createdAt = new Date().toISOString();
  database.transaction(() => {
    // A linear congruential generator modulo 2^32. Math.imul keeps the product exact, where a
    // plain multiplication would exceed 2^53 and repeat after a few thousand values.
    let seed = 42;
    const random = () => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed / 4294967296;
    };
    for (let index = 0; index < rows; index += 1) {
      // Timestamps spread over a year, with a fraction of a second on every third message.
      const instant = new Date(start + Math.floor(random() * 365 * 86_400_000));
      const whole = instant.toISOString().slice(0, 19);
      const ts = index % 3 === 0 ? `${whole}.${String(index % 1000).padStart(3, '0')}Z` : `${whole}Z`;
      const tsKey = index % 3 === 0 ? `${whole}.${String(index % 1000).padStart(3, '0')}000000Z` : `${whole}.000000000Z`;
      const words = Array.from({ length: 4 + Math.floor(random() * 6) }, () => WORDS[Math.floor(random() * WORDS.length)]);
      if (index % 20 === 0) {
        words.splice(Math.floor(random() * words.length), 0, 'needle');
      }
      const text = words.join(' ');
      insert.run(`m${index}`, senderOf(index), '+14155550199', ts, tsKey, text, foldText(text), createdAt);
    }
  })();

  database.exec("INSERT INTO messages_fts (messages_fts) VALUES ('rebuild')");
  for (const { sql } of deferred) {
    database.exec(sql);
  }
  database.exec('DELETE FROM sender_counts');
  database.exec('INSERT INTO sender_counts (from_msisdn, message_count) SELECT from_msisdn, COUNT(*) FROM messages GROUP BY from_msisdn');
  database.exec(
    'UPDATE message_totals SET total_messages = (SELECT COUNT(*) FROM messages), senders_count = (SELECT COUNT(*) FROM sender_counts) WHERE id = 1',
  );
  database.pragma('wal_checkpoint(TRUNCATE)');
  database.close();

  return Number(process.hrtime.bigint() - startedAt) / 1e9;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [path = '/tmp/bench.db', rows = '100000'] = process.argv.slice(2);
  const seconds = await fillDatabase(path, Number(rows));
  console.log(`filled ${rows} messages into ${path} in ${seconds.toFixed(1)} s`);
}
