import { ValidationOptions, registerDecorator } from 'class-validator';

// YYYY-MM-DDTHH:MM:SS, an optional fraction of 1 to 9 digits (down to nanoseconds), then Z.
const UTC_INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?Z$/;

/**
 * Returns a key that sorts like the instant it names, or undefined when `value` is not an
 * ISO-8601 UTC instant on a real calendar day and clock time (no February 30, no hour 24,
 * no leap second). The key pads the fraction to nine digits, so plain string comparison
 * orders "10:00:00Z" before "10:00:00.5Z" and treats "10:00:00.50Z" like "10:00:00.5Z".
 */
export function utcInstantSortKey(value: string): string | undefined {
  const match = UTC_INSTANT.exec(value);
  if (!match) {
    return undefined;
  }

  const [, year, month, day, hour, minute, second, fraction = ''] = match;
  const date = new Date(0);
  date.setUTCFullYear(Number(year), Number(month) - 1, Number(day));
  date.setUTCHours(Number(hour), Number(minute), Number(second));
  const isRealTime =
    date.getUTCFullYear() === Number(year) &&
    date.getUTCMonth() === Number(month) - 1 &&
    date.getUTCDate() === Number(day) &&
    date.getUTCHours() === Number(hour) &&
    date.getUTCMinutes() === Number(minute) &&
    date.getUTCSeconds() === Number(second);
  if (!isRealTime) {
    return undefined;
  }

  return `${year}-${month}-${day}T${hour}:${minute}:${second}.${fraction.padEnd(9, '0')}Z`;
}

/** Requires an ISO-8601 UTC instant such as `2024-01-01T10:00:00Z` or `2024-01-01T10:00:00.250Z`. */
export function IsUtcInstant(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) => {
    registerDecorator({
      name: 'isUtcInstant',
      target: target.constructor,
      propertyName: propertyName as string,
      options: {
        message: `${String(propertyName)} must be an ISO-8601 UTC time such as 2024-01-01T10:00:00Z (a real date and time, optional fraction of up to 9 digits, ending in Z)`,
        context: { type: 'datetime_format' },
        ...options,
      },
      validator: {
        validate: (value: unknown) => typeof value === 'string' && utcInstantSortKey(value) !== undefined,
      },
    });
  };
}
