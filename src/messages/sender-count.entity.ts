import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Messages stored per sender, kept current in the transaction that stores the messages, so
 * `/stats` reads a small table instead of counting every message.
 */
@Entity({ name: 'sender_counts' })
export class SenderCount {
  @PrimaryColumn({ name: 'from_msisdn', type: 'varchar', length: 16 })
  fromMsisdn!: string;

  @Column({ name: 'message_count', type: 'integer' })
  messageCount!: number;
}
