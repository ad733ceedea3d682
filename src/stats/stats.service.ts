import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Message } from '../messages/message.entity';
import { MessageTotals } from '../messages/message-totals.entity';
import { SenderCount } from '../messages/sender-count.entity';
import { SenderCountResponse, StatsResponse } from './stats.response';

/** How many senders `messages_per_sender` lists. */
export const TOP_SENDERS = 10;

@Injectable()
export class StatsService {
  constructor(
    @InjectRepository(Message) private readonly messages: Repository<Message>,
    @InjectRepository(SenderCount) private readonly senderCounts: Repository<SenderCount>,
    @InjectRepository(MessageTotals) private readonly totals: Repository<MessageTotals>,
  ) {}

  /**
   * Reads the totals from `message_totals` and the top senders from `sender_counts`, which the
   * writer keeps current, and the earliest and latest message times through the `ts_key` index.
   */
  async getStats(): Promise<StatsResponse> {
    const totals = await this.totals.findOneBy({ id: 1 });

    const topSenders = await this.senderCounts
      .createQueryBuilder('sender')
      .orderBy('sender.messageCount', 'DESC')
      .addOrderBy('sender.fromMsisdn', 'ASC')
      .limit(TOP_SENDERS)
      .getMany();

    const first = await this.findEdgeTs('ASC');
    const last = await this.findEdgeTs('DESC');

    return {
      total_messages: Number(totals?.totalMessages ?? 0),
      senders_count: Number(totals?.sendersCount ?? 0),
      messages_per_sender: topSenders.map(
        (sender): SenderCountResponse => ({ from_msisdn: sender.fromMsisdn, count: Number(sender.messageCount) }),
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
