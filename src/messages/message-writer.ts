import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Statement } from '../database/statement';
import { Message } from './message.entity';
import { StoreResult } from './new-message';
import { MessageTotals } from './message-totals.entity';
import { SenderCount } from './sender-count.entity';

/**
 * Messages written in one transaction before later arrivals wait for the next one. A group of
 * rows from one caller is never split, so a larger group makes a larger transaction.
 */
const MAX_BATCH_SIZE = 500;

/** Rows that must be stored in the same transaction, and the caller waiting for them. */
interface PendingWrite {
  rows: Message[];
  resolve(results: StoreResult[]): void;
  reject(error: unknown): void;
}

/**
 * Stores messages with group commit: deliveries that arrive while a transaction is being
 * written are collected and stored together in the next one, so many webhooks share one disk
 * sync. Each caller's promise settles only after the transaction holding its message commits,
 * so a 200 still means the message is durable. One transaction is in flight at a time.
 */
@Injectable()
export class MessageWriter {
  private pending: PendingWrite[] = [];
  private flushing = false;

  constructor(private readonly dataSource: DataSource) {}

  /** Queues a row; resolves `created`, or `duplicate` when its id is already stored. */
  async write(row: Message): Promise<StoreResult> {
    const [result] = await this.writeAll([row]);

    return result;
  }

  /** Queues rows that are stored in one transaction; resolves with a result per row, in order. */
  writeAll(rows: Message[]): Promise<StoreResult[]> {
    if (rows.length === 0) {
      return Promise.resolve([]);
    }

    return new Promise<StoreResult[]>((resolve, reject) => {
      this.pending.push({ rows, resolve, reject });
      if (!this.flushing) {
        this.flushing = true;
        setImmediate(() => void this.flush());
      }
    });
  }

  private async flush(): Promise<void> {
    while (this.pending.length > 0) {
      const batch = this.takeBatch();
      try {
        const inserted = await this.dataSource.transaction((manager) =>
          insertBatch(manager, batch.flatMap((write) => write.rows)),
        );
        settle(batch, inserted);
      } catch (error) {
        for (const write of batch) {
          write.reject(error);
        }
      }
    }
    this.flushing = false;
  }

  /** Takes whole groups from the queue until they hold `MAX_BATCH_SIZE` rows, and at least one. */
  private takeBatch(): PendingWrite[] {
    let rows = 0;
    let count = 0;
    while (count < this.pending.length && (count === 0 || rows + this.pending[count].rows.length <= MAX_BATCH_SIZE)) {
      rows += this.pending[count].rows.length;
      count += 1;
    }

    return this.pending.splice(0, count);
  }
}

/** Resolves each row: the first row of an inserted id is `created`, every other one `duplicate`. */
function settle(batch: PendingWrite[], inserted: Set<string>): void {
  const claimed = new Set<string>();
  for (const write of batch) {
    const results = write.rows.map((row): StoreResult => {
      if (inserted.has(row.messageId) && !claimed.has(row.messageId)) {
        claimed.add(row.messageId);
        return 'created';
      }
      return 'duplicate';
    });
    write.resolve(results);
  }
}

/**
 * Inserts the rows that are new (`ON CONFLICT DO NOTHING`, first row of an id wins) and adds
 * them to `sender_counts`, in the caller's transaction. Returns the ids that were inserted.
 */
async function insertBatch(manager: EntityManager, rows: Message[]): Promise<Set<string>> {
  const unique = dedupeKeepingFirst(rows);

  const [insertSql, insertParameters] = manager
    .createQueryBuilder()
    .insert()
    .into(Message)
    .values(unique)
    .orIgnore()
    .getQueryAndParameters();
  // RETURNING yields only the rows that were inserted, so the others are duplicates.
  const returned: { message_id: string }[] = await manager.query(`${insertSql} RETURNING "message_id"`, insertParameters);
  const inserted = new Set(returned.map((row) => row.message_id));

  const perSender = new Map<string, number>();
  for (const row of unique) {
    if (inserted.has(row.messageId)) {
      perSender.set(row.fromMsisdn, (perSender.get(row.fromMsisdn) ?? 0) + 1);
    }
  }
  if (perSender.size > 0) {
    const newSenders = await addToSenderCounts(manager, perSender);
    await manager
      .createQueryBuilder()
      .update(MessageTotals)
      .set({
        totalMessages: () => `total_messages + ${inserted.size}`,
        sendersCount: () => `senders_count + ${newSenders}`,
      })
      .where('id = 1')
      .execute();
  }

  return inserted;
}

function dedupeKeepingFirst(rows: Message[]): Message[] {
  const seen = new Set<string>();

  return rows.filter((row) => {
    if (seen.has(row.messageId)) {
      return false;
    }
    seen.add(row.messageId);
    return true;
  });
}

/**
 * Adds each sender's new messages to its count, creating the row for a new sender, and returns
 * how many senders are new. A sender is new when its count after the upsert equals what was added.
 */
async function addToSenderCounts(manager: EntityManager, perSender: Map<string, number>): Promise<number> {
  const statement = new Statement(manager.connection);
  const tuples = [...perSender].map(([fromMsisdn, count]) => `(${statement.bind(fromMsisdn)}, ${statement.bind(count)})`);
  const table = manager.connection.getMetadata(SenderCount).tableName;

  const counts: { from_msisdn: string; message_count: number | string }[] = await manager.query(
    `INSERT INTO ${table} (from_msisdn, message_count) VALUES ${tuples.join(', ')} ` +
      `ON CONFLICT (from_msisdn) DO UPDATE SET message_count = ${table}.message_count + excluded.message_count ` +
      'RETURNING from_msisdn, message_count',
    statement.parameters,
  );

  return counts.filter((row) => Number(row.message_count) === perSender.get(row.from_msisdn)).length;
}
