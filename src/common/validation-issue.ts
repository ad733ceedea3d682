import { UnprocessableEntityException } from '@nestjs/common';

/** One problem with a request, in the `detail` list of a 422 body. */
export interface ValidationIssue {
  /** Location of the problem: `["body", "from"]`, `["query", "limit"]` or `["body"]`. */
  loc: string[];
  /** The rule that failed, naming the field. */
  msg: string;
  /** A stable machine-readable kind, such as `missing` or `string_pattern_mismatch`. */
  type: string;
}

/** A 422 response whose body is `{"detail": [ValidationIssue, ...]}`. */
export class RequestValidationException extends UnprocessableEntityException {
  constructor(readonly issues: ValidationIssue[]) {
    super({ detail: issues });
  }
}
