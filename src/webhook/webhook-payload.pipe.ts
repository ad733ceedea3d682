import { Injectable, PipeTransform, UnsupportedMediaTypeException } from '@nestjs/common';
import type { Request } from 'express';
import { validateDto } from '../common/validate-dto';
import { RequestValidationException, ValidationIssue } from '../common/validation-issue';
import { WebhookOutcome, webhookOutcomeOf } from '../common/webhook-outcome';
import { MAX_MESSAGE_ID_LENGTH } from '../messages/message-fields';
import { NewMessage } from '../messages/new-message';
import { parseJsonObject } from './json-body';
import { rawBodyOf } from './raw-body';
import { WebhookPayloadDto } from './webhook-payload.dto';

/** The short field names of the contract and the long names accepted in their place. */
const ALIASES = [
  ['from', 'from_msisdn'],
  ['to', 'to_msisdn'],
] as const;

/** A validated delivery, with the record that its log line and metrics are built from. */
export interface WebhookDelivery {
  message: NewMessage;
  outcome: WebhookOutcome;
}

/**
 * Turns the signed raw body of a webhook request into a validated message: checks the media
 * type (415), parses the bytes as a JSON object (422), folds the field aliases and validates
 * every field (422, one issue per problem).
 */
@Injectable()
export class WebhookPayloadPipe implements PipeTransform<Request, WebhookDelivery> {
  transform(request: Request): WebhookDelivery {
    assertJsonMediaType(request);

    const outcome = webhookOutcomeOf(request);
    const body = parseJsonObject(rawBodyOf(request));
    if (typeof body.message_id === 'string' && body.message_id.length <= MAX_MESSAGE_ID_LENGTH) {
      outcome.messageId = body.message_id;
    }

    const { fields, aliasUsed, issues } = foldAliases(body);
    let payload: WebhookPayloadDto | undefined;
    try {
      payload = validateDto(WebhookPayloadDto, fields, 'body');
    } catch (error) {
      if (!(error instanceof RequestValidationException)) {
        throw error;
      }
      issues.push(...error.issues.map((issue) => renameAliasedField(issue, aliasUsed)));
    }

    if (issues.length > 0 || payload === undefined) {
      throw new RequestValidationException(issues);
    }

    const message: NewMessage = {
      message_id: payload.message_id,
      from_msisdn: payload.from,
      to_msisdn: payload.to,
      ts: payload.ts,
      text: payload.text ?? null,
    };

    return { message, outcome };
  }
}

/** Throws 415 unless the body is declared as JSON (or undeclared) and not compressed. */
export function assertJsonMediaType(request: Request): void {
  const contentType = request.headers['content-type'];
  const mediaType = contentType?.split(';')[0].trim().toLowerCase();
  if (mediaType !== undefined && mediaType !== 'application/json') {
    throw new UnsupportedMediaTypeException(`Content-Type must be application/json, not ${mediaType || 'empty'}`);
  }

  const encoding = request.headers['content-encoding']?.trim().toLowerCase();
  if (encoding !== undefined && encoding !== '' && encoding !== 'identity') {
    throw new UnsupportedMediaTypeException(`Content-Encoding ${encoding} is not supported; send the body uncompressed`);
  }
}

/**
 * Copies the contract's fields out of `body`, taking `from_msisdn`/`to_msisdn` where `from`/`to`
 * are absent. Sending both spellings with different values is an issue of its own.
 */
function foldAliases(body: Record<string, unknown>): {
  fields: Record<string, unknown>;
  aliasUsed: Map<string, string>;
  issues: ValidationIssue[];
} {
  const fields: Record<string, unknown> = {
    message_id: body.message_id,
    ts: body.ts,
    text: body.text,
  };
  const aliasUsed = new Map<string, string>();
  const issues: ValidationIssue[] = [];

  for (const [name, alias] of ALIASES) {
    const short = body[name];
    const long = body[alias];
    if (short !== undefined && long !== undefined && short !== long) {
      issues.push({
        loc: ['body', alias],
        msg: `${name} and ${alias} differ; send one of them, or the same value in both`,
        type: 'value_error',
      });
    }
    if (short === undefined && long !== undefined) {
      aliasUsed.set(name, alias);
    }
    fields[name] = short ?? long;
  }

  return { fields, aliasUsed, issues };
}

/** Reports an issue under the name the sender used, `from_msisdn` rather than `from`. */
function renameAliasedField(issue: ValidationIssue, aliasUsed: Map<string, string>): ValidationIssue {
  const [location, field] = issue.loc;
  const alias = aliasUsed.get(field);
  if (alias === undefined) {
    return issue;
  }

  return {
    loc: [location, alias],
    msg: issue.msg.replace(new RegExp(`^${field}\\b`), alias),
    type: issue.type,
  };
}
