import { ApiProperty } from '@nestjs/swagger';

/** A message as the API returns it. */
export class MessageResponse {
  @ApiProperty({ example: 'msg-001', maxLength: 256 })
  message_id!: string;

  @ApiProperty({ example: '+14155550100', pattern: '^\\+\\d{1,15}$' })
  from_msisdn!: string;

  @ApiProperty({ example: '+14155550101', pattern: '^\\+\\d{1,15}$' })
  to_msisdn!: string;

  @ApiProperty({ example: '2024-01-01T10:00:00Z', description: 'exactly as received' })
  ts!: string;

  @ApiProperty({ example: 'Hello', nullable: true, type: String, maxLength: 4096 })
  text!: string | null;

  @ApiProperty({ example: '2024-01-01T10:00:00.123Z', description: 'when the service stored the message' })
  created_at!: string;
}

/**
 * One page of `GET /messages`. `total` counts every match of the filters, ignoring `limit`,
 * `offset` and `cursor`. `next_cursor` continues after the last item, or is null on the last page.
 */
export class MessagePageResponse {
  @ApiProperty({ type: [MessageResponse] })
  data!: MessageResponse[];

  @ApiProperty({ example: 1, description: 'matches of the filters, ignoring limit, offset and cursor' })
  total!: number;

  @ApiProperty({ example: 50 })
  limit!: number;

  @ApiProperty({ example: 0 })
  offset!: number;

  @ApiProperty({
    example: null,
    nullable: true,
    type: String,
    description: 'pass as cursor to get the next page; null on the last page',
  })
  next_cursor!: string | null;
}
