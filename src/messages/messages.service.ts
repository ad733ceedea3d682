import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository, SelectQueryBuilder } from 'typeorm';
import { utcInstantSortKey } from '../common/utc-instant';
import { countTextMatches, usesTrigramTable, whereTextContains } from '../database/dialect';
import { ListMessagesQueryDto } from './list-messages.query.dto';
import { decodeCursor, encodeCursor } from './message-cursor';
import { foldText } from './message-fields';
import { Message } from './message.entity';
import { MessagePageResponse, toMessageResponse } from './message.response';
import { MessageWriter } from './message-writer';
import { NewMessage, StoreResult } from './new-message';
import { MessageTotals } from './message-totals.entity';
import { SenderCount } from './sender-count.entity';

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

@Injectable()
export class MessagesService {
  constructor(
    @InjectRepository(Message) private readonly messages: Repository<Message>,
    @InjectRepository(SenderCount) private readonly senderCounts: Repository<SenderCount>,
    @InjectRepository(MessageTotals) private readonly totals: Repository<MessageTotals>,
    private readonly writer: MessageWriter,
  ) {}

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
   */
  async list(query: ListMessagesQueryDto): Promise<MessagePageResponse> {
    const total = await this.countMatches(query, this.filter(query, 'index'));

    const page = this.filter(query, (await this.isDenseSearch(query, total)) ? 'scan' : 'index');
    const cursor = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
    if (cursor !== undefined) {
      page.andWhere('(message.ts_key, message.message_id) > (:cursorKey, :cursorId)', {
        cursorKey: cursor.tsKey,
        cursorId: cursor.messageId,
      });
    }
    // One row more than the page shows whether a next page exists.
    const rows = await page
      .orderBy('message.tsKey', 'ASC')
      .addOrderBy('message.messageId', 'ASC')
      .offset(query.offset)
      .limit(query.limit + 1)
      .getMany();
    const items = rows.slice(0, query.limit);
    const last = items.at(-1);

    return {
      data: items.map(toMessageResponse),
      total,
      limit: query.limit,
      offset: query.offset,
      next_cursor:
        rows.length > query.limit && last !== undefined
          ? encodeCursor({ tsKey: last.tsKey, messageId: last.messageId })
          : null,
    };
  }

  /** Builds the query for the messages that match the filters, searching text by `strategy`. */
  private filter(query: ListMessagesQueryDto, strategy: 'index' | 'scan'): SelectQueryBuilder<Message> {
    const matches = this.messages.createQueryBuilder('message');
    if (query.from !== undefined) {
      matches.andWhere('message.fromMsisdn = :from', { from: query.from });
    }
    if (query.since !== undefined) {
      matches.andWhere('message.tsKey >= :sinceKey', { sinceKey: sortKeyOf(query.since) });
    }
    if (query.q !== undefined && query.q !== '') {
      whereTextContains(matches, foldText(query.q), strategy);
    }

    return matches;
  }

  /**
   * Tells whether a text search on SQLite matches at least 1% of all messages. Then reading the
   * messages in order until the page is full (about 100 rows per match at worst) is faster than
   * joining every row id the trigram table returns.
   */
  private async isDenseSearch(query: ListMessagesQueryDto, matches: number): Promise<boolean> {
    const searched = query.q === undefined || query.q === '' ? undefined : foldText(query.q);
    if (searched === undefined || matches === 0 || !usesTrigramTable(this.messages.manager.connection, searched)) {
      return false;
    }
    const totals = await this.totals.findOneBy({ id: 1 });

    return matches * 100 >= Number(totals?.totalMessages ?? 0);
  }

  /**
   * Counts the messages that match the filters. Without filters the count comes from
   * `message_totals`, with `from` alone from `sender_counts`, and with `q` alone (on SQLite)
   * from the trigram table, instead of scanning messages.
   */
  private async countMatches(query: ListMessagesQueryDto, matches: SelectQueryBuilder<Message>): Promise<number> {
    const text = query.q === undefined || query.q === '' ? undefined : query.q;
    const searches = query.since !== undefined || text !== undefined;
    if (text !== undefined && query.since === undefined && query.from === undefined) {
      const total = await countTextMatches(this.messages.manager.connection, foldText(text));
      if (total !== undefined) {
        return total;
      }
    }
    if (!searches && query.from === undefined) {
      const totals = await this.totals.findOneBy({ id: 1 });

      return Number(totals?.totalMessages ?? 0);
    }
    if (!searches && query.from !== undefined) {
      const sender = await this.senderCounts.findOneBy({ fromMsisdn: query.from });

      return Number(sender?.messageCount ?? 0);
    }

    const row = await matches.select('COUNT(*)', 'total').getRawOne<{ total: number | string }>();

    return Number(row?.total ?? 0);
  }
}
