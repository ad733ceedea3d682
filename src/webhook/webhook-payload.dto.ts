import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDefined, IsOptional, IsString, Matches, MinLength } from 'class-validator';
import { IsUtcInstant } from '../common/utc-instant';
import {
  HasNoNulCharacter,
  MAX_MESSAGE_ID_LENGTH,
  MAX_TEXT_CODE_POINTS,
  MSISDN_PATTERN,
  MSISDN_RULE,
  MaxCodePoints,
} from '../messages/message-fields';

const required = (field: string, alias?: string) => ({
  message: alias === undefined ? `${field} is required` : `${field} (or ${alias}) is required`,
  context: { type: 'missing' },
});
const string = (field: string) => ({ message: `${field} must be a string`, context: { type: 'string_type' } });
const msisdn = (field: string) => ({
  message: `${field} ${MSISDN_RULE}`,
  context: { type: 'string_pattern_mismatch' },
});

/**
 * The body of `POST /webhook` after `from_msisdn`/`to_msisdn` were folded into `from`/`to`.
 * class-validator checks a property's decorators from the bottom up, so each field lists its
 * first check last. Only the first failing rule of a field is reported.
 */
export class WebhookPayloadDto {
  @ApiProperty({ example: 'msg-001', minLength: 1, maxLength: MAX_MESSAGE_ID_LENGTH, description: 'idempotency key' })
  @HasNoNulCharacter()
  @MaxCodePoints(MAX_MESSAGE_ID_LENGTH)
  @MinLength(1, { message: 'message_id must not be empty', context: { type: 'string_too_short' } })
  @IsString(string('message_id'))
  @IsDefined(required('message_id'))
  message_id!: string;

  @ApiPropertyOptional({ example: '+14155550100', pattern: '^\\+\\d{1,15}$', description: 'sender; or from_msisdn' })
  @Matches(MSISDN_PATTERN, msisdn('from'))
  @IsString(string('from'))
  @IsDefined(required('from', 'from_msisdn'))
  from!: string;

  @ApiPropertyOptional({ example: '+14155550101', pattern: '^\\+\\d{1,15}$', description: 'recipient; or to_msisdn' })
  @Matches(MSISDN_PATTERN, msisdn('to'))
  @IsString(string('to'))
  @IsDefined(required('to', 'to_msisdn'))
  to!: string;

  @ApiProperty({
    example: '2024-01-01T10:00:00Z',
    description: 'ISO-8601 UTC time: YYYY-MM-DDTHH:MM:SS, optional fraction of up to 9 digits, then Z',
  })
  @IsUtcInstant()
  @IsString(string('ts'))
  @IsDefined(required('ts'))
  ts!: string;

  @ApiPropertyOptional({ example: 'Hello', nullable: true, type: String, maxLength: MAX_TEXT_CODE_POINTS })
  @IsOptional()
  @HasNoNulCharacter()
  @MaxCodePoints(MAX_TEXT_CODE_POINTS)
  @IsString({ message: 'text must be a string or null', context: { type: 'string_type' } })
  text?: string | null;
}

/**
 * The documented request body: the fields above plus the long spellings of `from` and `to`.
 * It only describes the body for OpenAPI; validation uses `WebhookPayloadDto`.
 */
export class WebhookRequestBody extends WebhookPayloadDto {
  @ApiPropertyOptional({ example: '+14155550100', description: 'accepted in place of from' })
  from_msisdn?: string;

  @ApiPropertyOptional({ example: '+14155550101', description: 'accepted in place of to' })
  to_msisdn?: string;
}
