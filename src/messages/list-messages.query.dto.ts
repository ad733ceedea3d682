import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, registerDecorator } from 'class-validator';
import { IsUtcInstant } from '../common/utc-instant';
import { decodeCursor } from './message-cursor';
import { HasNoNulCharacter, MSISDN_PATTERN, MSISDN_RULE } from './message-fields';

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 100;
const MAX_QUERY_LENGTH = 1024;

const LIMIT_RULE = `limit must be an integer from 1 to ${MAX_LIMIT}`;
const OFFSET_RULE = `offset must be an integer from 0 to ${Number.MAX_SAFE_INTEGER}`;

/** Requires a token from a previous page's `next_cursor`. */
function IsMessageCursor(): PropertyDecorator {
  return (target, propertyName) => {
    registerDecorator({
      name: 'isMessageCursor',
      target: target.constructor,
      propertyName: propertyName as string,
      options: {
        message: 'cursor is not valid; pass the next_cursor value of a previous page unchanged',
        context: { type: 'cursor_invalid' },
      },
      validator: { validate: (value: unknown) => typeof value === 'string' && decodeCursor(value) !== undefined },
    });
  };
}

/** Turns a string of decimal digits into a number and leaves anything else for the validator to reject. */
function toInteger({ value }: { value: unknown }): unknown {
  return typeof value === 'string' && /^\d{1,16}$/.test(value) ? Number(value) : value;
}

/**
 * Restores the plus sign of an unencoded `?from=+14155550100`: the query parser decodes
 * "+" as a space, so a leading space before a digit stands for "+".
 */
function restorePlusSign({ value }: { value: unknown }): unknown {
  return typeof value === 'string' && /^ \d/.test(value) ? `+${value.slice(1)}` : value;
}

/**
 * Query parameters of `GET /messages`. class-validator checks a property's decorators from the
 * bottom up, so each field lists its first check last.
 */
export class ListMessagesQueryDto {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: MAX_LIMIT, default: DEFAULT_LIMIT, example: 20 })
  @IsOptional()
  @Transform(toInteger)
  @Max(MAX_LIMIT, { message: LIMIT_RULE, context: { type: 'less_than_equal' } })
  @Min(1, { message: LIMIT_RULE, context: { type: 'greater_than_equal' } })
  @IsInt({ message: LIMIT_RULE, context: { type: 'int_parsing' } })
  limit: number = DEFAULT_LIMIT;

  @ApiPropertyOptional({ type: 'integer', minimum: 0, default: 0, example: 0, description: 'rows to skip' })
  @IsOptional()
  @Transform(toInteger)
  @Max(Number.MAX_SAFE_INTEGER, { message: OFFSET_RULE, context: { type: 'less_than_equal' } })
  @Min(0, { message: OFFSET_RULE, context: { type: 'greater_than_equal' } })
  @IsInt({ message: OFFSET_RULE, context: { type: 'int_parsing' } })
  offset: number = 0;

  @ApiPropertyOptional({
    example: '+14155550100',
    pattern: '^\\+\\d{1,15}$',
    description: 'exact sender; an unencoded + (read as a space) works too',
  })
  @IsOptional()
  @Transform(restorePlusSign)
  @Matches(MSISDN_PATTERN, { message: `from ${MSISDN_RULE}`, context: { type: 'string_pattern_mismatch' } })
  @IsString({ message: 'from must be a single value', context: { type: 'string_type' } })
  from?: string;

  @ApiPropertyOptional({ example: '2024-01-01T00:00:00Z', description: 'ISO-8601 UTC time ending in Z; inclusive' })
  @IsOptional()
  @IsUtcInstant()
  @IsString({ message: 'since must be a single value', context: { type: 'string_type' } })
  since?: string;

  @ApiPropertyOptional({ description: 'the next_cursor of a previous page' })
  @IsOptional()
  @IsMessageCursor()
  @IsString({ message: 'cursor must be a single value', context: { type: 'string_type' } })
  cursor?: string;

  @ApiPropertyOptional({
    example: 'hello',
    maxLength: MAX_QUERY_LENGTH,
    description: 'case-insensitive substring of text, matched literally',
  })
  @IsOptional()
  @HasNoNulCharacter()
  @MaxLength(MAX_QUERY_LENGTH, {
    message: `q must be at most ${MAX_QUERY_LENGTH} characters`,
    context: { type: 'string_too_long' },
  })
  @IsString({ message: 'q must be a single value', context: { type: 'string_type' } })
  q?: string;
}
