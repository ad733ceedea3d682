import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A stored message. `message_id` is the primary key, which makes ingestion idempotent.
 * `ts` keeps the sender's text as received, and `ts_key` is the same instant in a fixed-width
 * form that sorts chronologically. `text_folded` is `text` case-folded for search.
 */
@Entity({ name: 'messages' })
@Index('ix_messages_ts_key_message_id', ['tsKey', 'messageId'])
@Index('ix_messages_from_msisdn_ts_key_message_id', ['fromMsisdn', 'tsKey', 'messageId'])
// A migration creates this index on SQLite only, for reading dense text searches in order.
// synchronize: false keeps TypeORM from dropping it there or creating it on PostgreSQL.
@Index('ix_messages_text_scan', { synchronize: false })
export class Message {
  @PrimaryColumn({ name: 'message_id', type: 'varchar', length: 256 })
  messageId!: string;

  @Column({ name: 'from_msisdn', type: 'varchar', length: 16 })
  fromMsisdn!: string;

  @Column({ name: 'to_msisdn', type: 'varchar', length: 16 })
  toMsisdn!: string;

  @Column({ name: 'ts', type: 'varchar', length: 40 })
  ts!: string;

  @Column({ name: 'ts_key', type: 'varchar', length: 30 })
  tsKey!: string;

  @Column({ name: 'text', type: 'text', nullable: true })
  text!: string | null;

  @Column({ name: 'text_folded', type: 'text', nullable: true })
  textFolded!: string | null;

  /** When the service stored the message, as an ISO-8601 UTC time with milliseconds. */
  @Column({ name: 'created_at', type: 'varchar', length: 30 })
  createdAt!: string;
}
