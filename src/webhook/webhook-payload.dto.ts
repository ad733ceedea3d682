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
  @HasNoNulCharacter()
  @MaxCodePoints(MAX_MESSAGE_ID_LENGTH)
  @MinLength(1, { message: 'message_id must not be empty', context: { type: 'string_too_short' } })
  @IsString(string('message_id'))
  @IsDefined(required('message_id'))
  message_id!: string;

  @Matches(MSISDN_PATTERN, msisdn('from'))
  @IsString(string('from'))
  @IsDefined(required('from', 'from_msisdn'))
  from!: string;

  @Matches(MSISDN_PATTERN, msisdn('to'))
  @IsString(string('to'))
  @IsDefined(required('to', 'to_msisdn'))
  to!: string;

  @IsUtcInstant()
  @IsString(string('ts'))
  @IsDefined(required('ts'))
  ts!: string;

  @IsOptional()
  @HasNoNulCharacter()
  @MaxCodePoints(MAX_TEXT_CODE_POINTS)
  @IsString({ message: 'text must be a string or null', context: { type: 'string_type' } })
  text?: string | null;
}
