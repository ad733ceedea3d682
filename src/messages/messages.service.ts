import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { utcInstantSortKey } from '../common/utc-instant';
import { Bind, sqliteConnection, textContains, trigramMatches, usesTrigramTable } from '../database/dialect';
import { Statement } from '../database/statement';
import { ListMessagesQueryDto } from './list-messages.query.dto';
import { MatchCounts } from './match-counts';
import { decodeCursor, encodeCursor } from './message-cursor';
import { foldText } from './message-fields';
import { Message } from './message.entity';
import { MessagePageResponse, MessageResponse } from './message.response';
import { MessageWriter } from './message-writer';
import { NewMessage, StoreResult } from './new-message';

function sortKeyOf(ts: string): string {
  const key = utcInstantSortKey(ts);
  if (key === undefined) {
    throw new Error(`ts ${JSON.stringify(ts)} reached storage without passing validation`);
  }

  return key;
}

function toRow(message: NewMessage): Message {
  return {
    messageId: message.message_id,
    fromMsisdn: message.from_msisdn,
    toMsisdn: message.to_msisdn,
    ts: message.ts,
    tsKey: sortKeyOf(message.ts),
    text: message.text,
    textFolded: message.text === null ? null : foldText(message.text),
    createdAt: new Date().toISOString(),
  };
}

/** The filters of a listing, with `since` as a sort key and `q` case-folded. */
interface MessageFilter {
  from?: string;
  sinceKey?: string;
  text?: string;
}

/** A message as the page query selects it: the response's fields and the sort key. */
type MessageRow = MessageResponse & { ts_key: string };

@Injectable()
export class MessagesService {
  private readonly matchCounts?: MatchCounts;

  constructor(
    private readonly dataSource: DataSource,
    private readonly writer: MessageWriter,
  ) {
    const sqlite = sqliteConnection(dataSource);
    this.matchCounts = sqlite === undefined ? undefined : new MatchCounts(sqlite);
  }

  /**
   * Stores the message unless its id is already stored (`INSERT ... ON CONFLICT DO NOTHING`),
   * so concurrent deliveries of one id store one row and the first delivery wins. Resolves
   * after the transaction holding the row has committed.
   */
  store(message: NewMessage): Promise<StoreResult> {
    return this.writer.write(toRow(message));
  }

  /** Stores several messages in one transaction, each as `store` would; results are in order. */
  storeAll(messages: NewMessage[]): Promise<StoreResult[]> {
    return this.writer.writeAll(messages.map(toRow));
  }

  /**
   * Returns one page of messages in `(ts, message_id)` order with the count of all matches.
   * A cursor continues after the position it names; `offset` then skips from there.
   * The statements are written out rather than built by TypeORM's query builder, which cost
   * more than the queries themselves on this path.
   */
  async list(query: ListMessagesQueryDto): Promise<MessagePageResponse> {
    const filter: MessageFilter = {
      from: query.from,
      sinceKey: query.since === undefined ? undefined : sortKeyOf(query.since),
      text: query.q === undefined || query.q === '' ? undefined : foldText(query.q),
    };
    const total = await this.countMatches(filter);

    const page = new Statement(this.dataSource);
    const conditions = this.conditions(filter, (await this.isDenseSearch(filter, total)) ? 'scan' : 'index', page.bind);
    const cursor = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
    if (cursor !== undefined) {
      conditions.push(`(ts_key, message_id) > (${page.bind(cursor.tsKey)}, ${page.bind(cursor.messageId)})`);
    }
    // One row more than the page shows whether a next page exists.
    const rows: MessageRow[] = await this.dataSource.query(
      'SELECT message_id, from_msisdn, to_msisdn, ts, ts_key, text, created_at FROM messages' +
        `${where(conditions)} ORDER BY ts_key, message_id LIMIT ${page.bind(query.limit + 1)} OFFSET ${page.bind(query.offset)}`,
      page.parameters,
    );
    const items = rows.slice(0, query.limit);
    const last = items.at(-1);

    return {
      data: items.map(toMessageResponse),
      total,
      limit: query.limit,
      offset: query.offset,
      next_cursor:
        rows.length > query.limit && last !== undefined
          ? encodeCursor({ tsKey: last.ts_key, messageId: last.message_id })
          : null,
    };
  }

  /** Returns the conditions on `messages` for the filters, searching text by `strategy`. */
  private conditions(filter: MessageFilter, strategy: 'index' | 'scan', bind: Bind): string[] {
    const conditions: string[] = [];
    if (filter.from !== undefined) {
      conditions.push(`from_msisdn = ${bind(filter.from)}`);
    }
    if (filter.sinceKey !== undefined) {
      conditions.push(`ts_key >= ${bind(filter.sinceKey)}`);
    }
    if (filter.text !== undefined) {
      conditions.push(textContains(this.dataSource, filter.text, strategy, bind));
    }

    return conditions;
  }

  /**
   * Tells whether a text search on SQLite matches at least 1% of all messages. Then reading the
   * messages in order until the page is full (about 100 rows per match at worst) is faster than
   * joining every row id the trigram table returns.
   */
  private async isDenseSearch(filter: MessageFilter, matches: number): Promise<boolean> {
    if (filter.text === undefined || matches === 0 || !usesTrigramTable(this.dataSource, filter.text)) {
      return false;
    }

    return matches * 100 >= (await this.countAll());
  }

  /**
   * Counts the messages that match the filters. Without filters the count comes from
   * `message_totals` and with `from` alone from `sender_counts`, which the writer keeps
   * current. On SQLite other counts are kept by `MatchCounts`; on PostgreSQL they are counted.
   */
  private async countMatches(filter: MessageFilter): Promise<number> {
    if (filter.sinceKey === undefined && filter.text === undefined) {
      return filter.from === undefined ? this.countAll() : this.countFrom(filter.from);
    }

    if (this.matchCounts !== undefined) {
      const text = filter.text;
      const full = new Statement(this.dataSource);
      const fullFrom =
        text !== undefined && filter.from === undefined && filter.sinceKey === undefined && usesTrigramTable(this.dataSource, text)
          ? trigramMatches(text, full.bind)
          : `FROM messages${where(this.conditions(filter, 'index', full.bind))}`;

      const countAfter = (rowid: number) => {
        // NOT INDEXED keeps SQLite on the rowid range, which contains only the rows added since.
        const after = new Statement(this.dataSource);
        const conditions = [`rowid > ${after.bind(rowid)}`, ...this.conditions(filter, 'scan', after.bind)];

        return { from: `FROM messages NOT INDEXED${where(conditions)}`, parameters: after.parameters };
      };
      const key = JSON.stringify([filter.from, filter.sinceKey, text]);

      return this.matchCounts.count(key, { from: fullFrom, parameters: full.parameters }, countAfter);
    }

    const count = new Statement(this.dataSource);
    const rows: { total: number | string }[] = await this.dataSource.query(
      `SELECT COUNT(*) AS total FROM messages${where(this.conditions(filter, 'index', count.bind))}`,
      count.parameters,
    );

    return Number(rows[0]?.total ?? 0);
  }

  private async countAll(): Promise<number> {
    const rows: { total_messages: number | string }[] = await this.dataSource.query(
      'SELECT total_messages FROM message_totals WHERE id = 1',
    );

    return Number(rows[0]?.total_messages ?? 0);
  }

  private async countFrom(from: string): Promise<number> {
    const statement = new Statement(this.dataSource);
    const rows: { message_count: number | string }[] = await this.dataSource.query(
      `SELECT message_count FROM sender_counts WHERE from_msisdn = ${statement.bind(from)}`,
      statement.parameters,
    );

    return Number(rows[0]?.message_count ?? 0);
  }
}

function where(conditions: string[]): string {
  return conditions.length === 0 ? '' : ` WHERE ${conditions.join(' AND ')}`;
}

function toMessageResponse(row: MessageRow): MessageResponse {
  return {
    message_id: row.message_id,
    from_msisdn: row.from_msisdn,
    to_msisdn: row.to_msisdn,
    ts: row.ts,
    text: row.text,
    created_at: row.created_at,
  };
}
