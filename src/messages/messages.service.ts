import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { utcInstantSortKey } from '../common/utc-instant';
import { ListMessagesQueryDto } from './list-messages.query.dto';
import { foldText } from './message-fields';
import { Message } from './message.entity';
import { MessagePageResponse, toMessageResponse } from './message.response';
import { NewMessage, StoreResult } from './new-message';

/** Escapes the LIKE wildcards so `%` and `_` in a search match themselves. */
function escapeLikePattern(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}

function sortKeyOf(ts: string): string {
  const key = utcInstantSortKey(ts);
  if (key === undefined) {
    throw new Error(`ts ${JSON.stringify(ts)} reached storage without passing validation`);
  }

  return key;
}

@Injectable()
export class MessagesService {
  constructor(@InjectRepository(Message) private readonly messages: Repository<Message>) {}

  /**
   * Inserts the message unless its id is already stored, in one statement
   * (`INSERT ... ON CONFLICT DO NOTHING`), so concurrent deliveries of one id store one row
   * and the first delivery wins. Resolves after the row is committed.
   */
  async store(message: NewMessage): Promise<StoreResult> {
    const row: Message = {
      messageId: message.message_id,
      fromMsisdn: message.from_msisdn,
      toMsisdn: message.to_msisdn,
      ts: message.ts,
      tsKey: sortKeyOf(message.ts),
      text: message.text,
      textFolded: message.text === null ? null : foldText(message.text),
      createdAt: new Date().toISOString(),
    };

    const [insertSql, parameters] = this.messages
      .createQueryBuilder()
      .insert()
      .into(Message)
      .values(row)
      .orIgnore()
      .getQueryAndParameters();
    // RETURNING yields a row only when the insert happened, so an empty result means a duplicate.
    const inserted: unknown[] = await this.messages.query(`${insertSql} RETURNING "message_id"`, parameters);

    return inserted.length > 0 ? 'created' : 'duplicate';
  }

  /** Returns one page of messages in `(ts, message_id)` order with the count of all matches. */
  async list(query: ListMessagesQueryDto): Promise<MessagePageResponse> {
    const matches = this.messages.createQueryBuilder('message');
    if (query.from !== undefined) {
      matches.andWhere('message.fromMsisdn = :from', { from: query.from });
    }
    if (query.since !== undefined) {
      matches.andWhere('message.tsKey >= :sinceKey', { sinceKey: sortKeyOf(query.since) });
    }
    if (query.q !== undefined && query.q !== '') {
      matches.andWhere(`message.textFolded LIKE :pattern ESCAPE '\\'`, {
        pattern: `%${escapeLikePattern(foldText(query.q))}%`,
      });
    }

    const counted = await matches.clone().select('COUNT(*)', 'total').getRawOne<{ total: number | string }>();
    const page = await matches
      .orderBy('message.tsKey', 'ASC')
      .addOrderBy('message.messageId', 'ASC')
      .offset(query.offset)
      .limit(query.limit)
      .getMany();

    return {
      data: page.map(toMessageResponse),
      total: Number(counted?.total ?? 0),
      limit: query.limit,
      offset: query.offset,
    };
  }
}
