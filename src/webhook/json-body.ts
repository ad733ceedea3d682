import { RequestValidationException } from '../common/validation-issue';

/** Deepest nesting of arrays and objects accepted in a webhook body. */
export const MAX_JSON_DEPTH = 32;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Parses the body bytes as a JSON object. Throws a 422 `RequestValidationException` for an empty
 * body, invalid UTF-8, invalid JSON, nesting deeper than `MAX_JSON_DEPTH`, or a JSON value that
 * is not an object. The depth check runs first because later steps walk values recursively.
 */
export function parseJsonObject(raw: Buffer): Record<string, unknown> {
  const invalid = (msg: string, type: string) => new RequestValidationException([{ loc: ['body'], msg, type }]);

  if (raw.length === 0) {
    throw invalid('body must be a JSON object, but it is empty', 'json_invalid');
  }

  let text: string;
  try {
    text = utf8.decode(raw);
  } catch {
    throw invalid('body is not valid JSON: the bytes are not valid UTF-8', 'json_invalid');
  }

  if (exceedsJsonDepth(text, MAX_JSON_DEPTH)) {
    throw invalid(`body nests arrays and objects deeper than ${MAX_JSON_DEPTH} levels`, 'json_too_deep');
  }

  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw invalid(`body is not valid JSON: ${(error as Error).message}`, 'json_invalid');
  }

  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw invalid('body must be a JSON object', 'model_attributes_type');
  }

  return parsed as Record<string, unknown>;
}

/** Tells whether `text` opens more than `maxDepth` brackets at once, ignoring brackets in strings. */
export function exceedsJsonDepth(text: string, maxDepth: number): boolean {
  let depth = 0;
  let inString = false;

  for (let index = 0; index < text.length; index += 1) {
    const character = text[index];
    if (inString) {
      if (character === '\\') {
        index += 1;
      } else if (character === '"') {
        inString = false;
      }
    } else if (character === '"') {
      inString = true;
    } else if (character === '[' || character === '{') {
      depth += 1;
      if (depth > maxDepth) {
        return true;
      }
    } else if (character === ']' || character === '}') {
      depth -= 1;
    }
  }

  return false;
}
