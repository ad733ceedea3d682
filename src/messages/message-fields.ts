import { ValidationOptions, registerDecorator } from 'class-validator';

/** A phone number in E.164 form: a plus sign then 1 to 15 digits. */
export const MSISDN_PATTERN = /^\+\d{1,15}$/;
export const MSISDN_RULE = 'must be + followed by 1 to 15 digits';

export const MAX_MESSAGE_ID_LENGTH = 256;
export const MAX_TEXT_CODE_POINTS = 4096;

/**
 * Folds `text` for case-insensitive substring search. Upper-casing first applies the full
 * Unicode mappings (so "ß" matches "ss"), lower-casing then gives one form, and the final
 * sigma is merged with the ordinary one. NFKC makes composed and decomposed accents equal.
 */
export function foldText(text: string): string {
  return text.normalize('NFKC').toUpperCase().toLowerCase().replace(/ς/g, 'σ').normalize('NFKC');
}

/** Counts Unicode code points, so an emoji outside the BMP counts once, not twice. */
export function codePointLength(text: string): number {
  let length = 0;
  for (const _ of text) {
    length += 1;
  }

  return length;
}

/** Requires a string of at most `max` Unicode code points. */
export function MaxCodePoints(max: number, options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) => {
    registerDecorator({
      name: 'maxCodePoints',
      target: target.constructor,
      propertyName: propertyName as string,
      constraints: [max],
      options: {
        message: `${String(propertyName)} must be at most ${max} characters`,
        context: { type: 'string_too_long' },
        ...options,
      },
      validator: {
        validate: (value: unknown) => typeof value === 'string' && codePointLength(value) <= max,
      },
    });
  };
}

/**
 * Rejects strings that contain U+0000. PostgreSQL text cannot store it, so both engines reject
 * it alike instead of SQLite storing what PostgreSQL would refuse.
 */
export function HasNoNulCharacter(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) => {
    registerDecorator({
      name: 'hasNoNulCharacter',
      target: target.constructor,
      propertyName: propertyName as string,
      options: {
        message: `${String(propertyName)} must not contain NUL (U+0000) characters`,
        context: { type: 'string_nul_character' },
        ...options,
      },
      validator: {
        validate: (value: unknown) => typeof value !== 'string' || !value.includes('\u0000'),
      },
    });
  };
}
