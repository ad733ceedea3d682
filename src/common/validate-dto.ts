import { ClassConstructor, plainToInstance } from 'class-transformer';
import { ValidationError, validateSync } from 'class-validator';
import { RequestValidationException, ValidationIssue } from './validation-issue';

/** Context attached to each class-validator decorator so a failure can name its kind. */
export interface IssueContext {
  type: string;
}

/**
 * Converts a plain object into `dtoClass` and validates it.
 * Throws a `RequestValidationException` with one issue per invalid field (the first rule that
 * failed for that field), located under `location`. Properties without decorators are dropped.
 */
export function validateDto<T extends object>(
  dtoClass: ClassConstructor<T>,
  plain: object,
  location: string,
): T {
  const dto = plainToInstance(dtoClass, plain);
  const errors = validateSync(dto, {
    whitelist: true,
    forbidNonWhitelisted: false,
    stopAtFirstError: true,
    validationError: { target: false, value: false },
  });

  if (errors.length > 0) {
    throw new RequestValidationException(errors.map((error) => toIssue(error, location)));
  }

  return dto;
}

function toIssue(error: ValidationError, location: string): ValidationIssue {
  const [constraint, message] = Object.entries(error.constraints ?? {})[0] ?? ['invalid', 'invalid value'];
  const context = error.contexts?.[constraint] as IssueContext | undefined;

  return {
    loc: [location, error.property],
    msg: message,
    type: context?.type ?? constraint,
  };
}
