import { Injectable, PipeTransform } from '@nestjs/common';
import type { Request } from 'express';
import { RequestValidationException } from '../../common/validation-issue';
import { WhatsAppOutcome, webhookOutcomeOf } from '../../common/webhook-outcome';
import { parseJsonObject } from '../json-body';
import { rawBodyOf } from '../raw-body';
import { assertJsonMediaType } from '../webhook-payload.pipe';
import { WhatsAppDeliveryContent, readWhatsAppDelivery } from './whatsapp-envelope';

/** A readable WhatsApp delivery, with the record its log line and metrics are built from. */
export interface WhatsAppDelivery extends WhatsAppDeliveryContent {
  outcome: WhatsAppOutcome;
}

/** Parses the signed body of `POST /webhook/whatsapp` into messages and statuses (415, 422). */
@Injectable()
export class WhatsAppDeliveryPipe implements PipeTransform<Request, WhatsAppDelivery> {
  transform(request: Request): WhatsAppDelivery {
    assertJsonMediaType(request);

    const content = readWhatsAppDelivery(parseJsonObject(rawBodyOf(request)));
    if (Array.isArray(content)) {
      throw new RequestValidationException(content);
    }

    const outcome = webhookOutcomeOf(request).whatsapp ?? { messagesCreated: 0, messagesDuplicate: 0, statuses: [] };
    outcome.statuses = content.statuses;

    return { ...content, outcome };
  }
}
