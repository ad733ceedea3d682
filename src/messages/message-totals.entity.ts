import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The single row (id 1) of running totals, kept current in the transaction that stores messages. */
@Entity({ name: 'message_totals' })
export class MessageTotals {
  @PrimaryColumn({ name: 'id', type: 'integer' })
  id!: number;

  @Column({ name: 'total_messages', type: 'integer' })
  totalMessages!: number;

  @Column({ name: 'senders_count', type: 'integer' })
  sendersCount!: number;
}
