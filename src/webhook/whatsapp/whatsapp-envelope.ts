import { ValidationIssue } from '../../common/validation-issue';
import { MAX_MESSAGE_ID_LENGTH, MAX_TEXT_CODE_POINTS } from '../../messages/message-fields';
import { NewMessage } from '../../messages/new-message';

/** Message statuses that get a label of their own in the metrics; others count as `other`. */
const KNOWN_STATUSES = new Set(['sent', 'delivered', 'read', 'failed', 'deleted']);

/** Media types whose object may carry a `caption`. */
const CAPTION_TYPES = ['image', 'video', 'document', 'sticker', 'audio'];

/** Content of a `whatsapp_business_account` delivery, ready to store and count. */
export interface WhatsAppDeliveryContent {
  messages: NewMessage[];
  statuses: string[];
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Keeps the digits of a phone number and adds the plus sign, or returns undefined without 1 to 15 digits. */
function toMsisdn(value: unknown): string | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') {
    return undefined;
  }
  const digits = String(value).replace(/[\s()+.-]/g, '');

  return /^\d{1,15}$/.test(digits) ? `+${digits}` : undefined;
}

/** Converts Meta's Unix `timestamp` (seconds, as a string) into `YYYY-MM-DDTHH:MM:SSZ`. */
function toUtcInstant(value: unknown): string | undefined {
  const text = typeof value === 'number' ? String(value) : value;
  if (typeof text !== 'string' || !/^\d{1,12}$/.test(text)) {
    return undefined;
  }
  const date = new Date(Number(text) * 1000);

  return Number.isNaN(date.getTime()) ? undefined : `${date.toISOString().slice(0, 19)}Z`;
}

/**
 * Returns the message's text: the body of a text message, the caption of a media message, or
 * null. Text is cut to the service's limit and NUL characters are dropped rather than rejected,
 * because Meta retries a rejected delivery for days.
 */
function textOf(message: Json): string | null {
  const type = typeof message.type === 'string' ? message.type : '';
  let text: unknown = null;
  if (type === 'text' && isObject(message.text)) {
    text = message.text.body;
  } else {
    const media = message[type];
    if (isObject(media) && (CAPTION_TYPES.includes(type) || 'caption' in media)) {
      text = media.caption;
    }
  }
  if (typeof text !== 'string') {
    return null;
  }

  return [...text.replaceAll('\u0000', '')].slice(0, MAX_TEXT_CODE_POINTS).join('');
}

/**
 * Reads every `entry[].changes[].value.messages[]` of a WhatsApp Cloud API webhook as a message
 * to store, and every `value.statuses[]` as a status to count. Returns the issues instead when
 * the envelope does not have that shape; an unknown message type is not an issue.
 */
export function readWhatsAppDelivery(body: Json): WhatsAppDeliveryContent | ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const issue = (loc: (string | number)[], msg: string, type: string) =>
    issues.push({ loc: ['body', ...loc.map(String)], msg, type });

  if (body.object !== 'whatsapp_business_account') {
    issue(['object'], 'object must be "whatsapp_business_account"', 'literal_error');
  }
  if (!Array.isArray(body.entry)) {
    issue(['entry'], 'entry must be a list', 'list_type');
    return issues;
  }

  const content: WhatsAppDeliveryContent = { messages: [], statuses: [] };
  body.entry.forEach((entry: unknown, entryIndex) => {
    const changes = isObject(entry) ? entry.changes : undefined;
    if (!Array.isArray(changes)) {
      issue(['entry', entryIndex, 'changes'], 'changes must be a list', 'list_type');
      return;
    }

    changes.forEach((change: unknown, changeIndex) => {
      const at = ['entry', entryIndex, 'changes', changeIndex, 'value'];
      const value = isObject(change) ? change.value : undefined;
      if (!isObject(value)) {
        issue(at, 'value must be an object', 'dict_type');
        return;
      }

      for (const status of Array.isArray(value.statuses) ? value.statuses : []) {
        const name = isObject(status) && typeof status.status === 'string' ? status.status : 'other';
        content.statuses.push(KNOWN_STATUSES.has(name) ? name : 'other');
      }

      if (value.messages === undefined) {
        return;
      }
      if (!Array.isArray(value.messages)) {
        issue([...at, 'messages'], 'messages must be a list', 'list_type');
        return;
      }
      const metadata = isObject(value.metadata) ? value.metadata : {};
      const to = toMsisdn(metadata.display_phone_number);
      if (to === undefined) {
        issue([...at, 'metadata', 'display_phone_number'], 'display_phone_number must have 1 to 15 digits', 'string_pattern_mismatch');
        return;
      }

      value.messages.forEach((message: unknown, messageIndex) => {
        const messageAt = [...at, 'messages', messageIndex];
        if (!isObject(message)) {
          issue(messageAt, 'message must be an object', 'dict_type');
          return;
        }
        const id = message.id;
        const from = toMsisdn(message.from);
        const ts = toUtcInstant(message.timestamp);
        if (typeof id !== 'string' || id === '' || id.length > MAX_MESSAGE_ID_LENGTH || id.includes('\u0000')) {
          issue([...messageAt, 'id'], `id must be a string of 1 to ${MAX_MESSAGE_ID_LENGTH} characters`, 'string_type');
        }
        if (from === undefined) {
          issue([...messageAt, 'from'], 'from must have 1 to 15 digits', 'string_pattern_mismatch');
        }
        if (ts === undefined) {
          issue([...messageAt, 'timestamp'], 'timestamp must be Unix seconds', 'int_parsing');
        }
        if (typeof id === 'string' && from !== undefined && ts !== undefined && issues.length === 0) {
          content.messages.push({ message_id: id, from_msisdn: from, to_msisdn: to, ts, text: textOf(message) });
        }
      });
    });
  });

  return issues.length > 0 ? issues : content;
}
