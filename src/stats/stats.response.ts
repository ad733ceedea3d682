import { ApiProperty } from '@nestjs/swagger';

/** One sender's message count in `GET /stats`. */
export class SenderCountResponse {
  @ApiProperty({ example: '+14155550100' })
  from_msisdn!: string;

  @ApiProperty({ example: 2 })
  count!: number;
}

/** Body of `GET /stats`; the timestamps are `ts` values as received, null with no messages. */
export class StatsResponse {
  @ApiProperty({ example: 2 })
  total_messages!: number;

  @ApiProperty({ example: 1 })
  senders_count!: number;

  @ApiProperty({ type: [SenderCountResponse], description: 'top 10, count descending, ties by from_msisdn' })
  messages_per_sender!: SenderCountResponse[];

  @ApiProperty({ example: '2024-01-01T10:00:00Z', nullable: true, type: String })
  first_message_ts!: string | null;

  @ApiProperty({ example: '2024-01-02T10:00:00Z', nullable: true, type: String })
  last_message_ts!: string | null;
}
