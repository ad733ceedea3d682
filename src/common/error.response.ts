import { ApiProperty } from '@nestjs/swagger';

/** Body of every error except validation errors. */
export class ErrorResponse {
  @ApiProperty({ example: 'invalid signature' })
  detail!: string;
}

/** One entry of a 422 body. */
export class ValidationIssueResponse {
  @ApiProperty({ type: [String], example: ['body', 'from'] })
  loc!: string[];

  @ApiProperty({ example: 'from must be + followed by 1 to 15 digits' })
  msg!: string;

  @ApiProperty({ example: 'string_pattern_mismatch' })
  type!: string;
}

/** Body of a 422: one issue per invalid field or parameter. */
export class ValidationErrorResponse {
  @ApiProperty({ type: [ValidationIssueResponse] })
  detail!: ValidationIssueResponse[];
}

/** Body of an unexpected 500. */
export class InternalErrorResponse {
  @ApiProperty({ example: 'internal server error' })
  detail!: string;

  @ApiProperty({ example: '9b2d4c1e-3f5a-4e8b-9a61-0c7d2e4f6a80' })
  request_id!: string;
}
