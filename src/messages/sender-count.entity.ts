import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Messages stored per sender, kept current in the transaction that stores the messages, so
 * `/stats` reads a small table instead of counting every message.
 */
@Entity({ name: 'sender_counts' })
// A migration creates this index as (message_count DESC, from_msisdn), which TypeORM cannot
// declare, so that the top senders are read off the index. synchronize: false keeps TypeORM
// from dropping it.
@Index('ix_sender_counts_top', { synchronize: false })
export class SenderCount {
  @PrimaryColumn({ name: 'from_msisdn', type: 'varchar', length: 16 })
  fromMsisdn!: string;

  @Column({ name: 'message_count', type: 'integer' })
  messageCount!: number;
}
