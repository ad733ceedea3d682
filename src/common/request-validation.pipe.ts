import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { validateDto } from './validate-dto';

const PRIMITIVES: unknown[] = [String, Number, Boolean, Array, Object];

/**
 * Validates `@Query()` and `@Body()` parameters typed with a DTO class and throws a 422 in the
 * contract's `detail` shape. Custom parameter decorators pass through untouched.
 */
@Injectable()
export class RequestValidationPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    const { type, metatype } = metadata;
    if ((type !== 'query' && type !== 'body') || metatype === undefined || PRIMITIVES.includes(metatype)) {
      return value;
    }

    const plain = typeof value === 'object' && value !== null ? value : {};

    return validateDto(metatype as new () => object, plain, type);
  }
}
