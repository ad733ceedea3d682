import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Message } from '../messages/message.entity';
import { SenderCount, StatsResponse } from './stats.response';

/** How many senders `messages_per_sender` lists. */
export const TOP_SENDERS = 10;

@Injectable()
export class StatsService {
  constructor(@InjectRepository(Message) private readonly messages: Repository<Message>) {}

  /** Computes the totals, the top senders and the earliest and latest message times. */
  async getStats(): Promise<StatsResponse> {
    const totals = await this.messages
      .createQueryBuilder('message')
      .select('COUNT(*)', 'total')
      .addSelect('COUNT(DISTINCT message.fromMsisdn)', 'senders')
      .getRawOne<{ total: number | string; senders: number | string }>();

    const topSenders = await this.messages
      .createQueryBuilder('message')
      .select('message.fromMsisdn', 'from_msisdn')
      .addSelect('COUNT(*)', 'count')
      .groupBy('message.fromMsisdn')
      .orderBy('COUNT(*)', 'DESC')
      .addOrderBy('message.fromMsisdn', 'ASC')
      .limit(TOP_SENDERS)
      .getRawMany<{ from_msisdn: string; count: number | string }>();

    const first = await this.findEdgeTs('ASC');
    const last = await this.findEdgeTs('DESC');

    return {
      total_messages: Number(totals?.total ?? 0),
      senders_count: Number(totals?.senders ?? 0),
      messages_per_sender: topSenders.map(
        (sender): SenderCount => ({ from_msisdn: sender.from_msisdn, count: Number(sender.count) }),
      ),
      first_message_ts: first,
      last_message_ts: last,
    };
  }

  /** Returns the `ts` of the earliest (ASC) or latest (DESC) message, or null when there is none. */
  private async findEdgeTs(direction: 'ASC' | 'DESC'): Promise<string | null> {
    const edge = await this.messages
      .createQueryBuilder('message')
      .select('message.ts', 'ts')
      .orderBy('message.tsKey', direction)
      .addOrderBy('message.messageId', direction)
      .limit(1)
      .getRawOne<{ ts: string }>();

    return edge?.ts ?? null;
  }
}
