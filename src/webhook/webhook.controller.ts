import { Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import {
  ApiBody,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiSecurity,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiUnauthorizedResponse,
  ApiUnprocessableEntityResponse,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import { ErrorResponse, ValidationErrorResponse } from '../common/error.response';
import { MessagesService } from '../messages/messages.service';
import { HmacSignatureGuard } from './hmac-signature.guard';
import { WebhookRequestBody } from './webhook-payload.dto';
import { WebhookPayloadPipe } from './webhook-payload.pipe';
import type { WebhookDelivery } from './webhook-payload.pipe';
import { WebhookRequest } from './webhook-request.decorator';
import { WEBHOOK_EXAMPLES, WebhookAcceptedResponse } from './webhook.openapi';

@ApiTags('webhook')
@Controller('webhook')
export class WebhookController {
  constructor(private readonly messagesService: MessagesService) {}

  /** Stores a signed message; new and repeated deliveries both get 200 once the row is committed. */
  @Post()
  @HttpCode(200)
  @UseGuards(HmacSignatureGuard)
  @ApiOperation({
    summary: 'Receive a message',
    description:
      'Checks, in order: secret configured (503), body size (413), signature (401), media type (415), ' +
      'JSON and fields (422). Stores the message once per message_id and answers 200 after the commit, ' +
      'for a new and a repeated delivery alike.',
  })
  @ApiSecurity('hmac-signature')
  @ApiBody({ type: WebhookRequestBody, examples: WEBHOOK_EXAMPLES.requests })
  @ApiOkResponse({ type: WebhookAcceptedResponse, description: 'stored now or by an earlier delivery' })
  @ApiUnauthorizedResponse({
    type: ErrorResponse,
    description: 'X-Signature missing, malformed, or not the HMAC of the body',
    example: { detail: 'invalid signature' },
  })
  @ApiPayloadTooLargeResponse({
    type: ErrorResponse,
    description: 'body larger than MAX_BODY_BYTES (1 MiB by default)',
    example: { detail: 'request body must be at most 1048576 bytes' },
  })
  @ApiUnsupportedMediaTypeResponse({
    type: ErrorResponse,
    description: 'a media type other than application/json, or a compressed body',
    example: { detail: 'Content-Type must be application/json, not text/plain' },
  })
  @ApiUnprocessableEntityResponse({
    type: ValidationErrorResponse,
    description: 'invalid JSON, nesting deeper than 32 levels, or invalid fields; one entry per problem',
    example: WEBHOOK_EXAMPLES.validationError,
  })
  @ApiServiceUnavailableResponse({
    type: ErrorResponse,
    description: 'no WEBHOOK_SECRET, or the database cannot take writes now (with Retry-After); retry later',
    example: { detail: 'database unavailable, retry later' },
  })
  async receive(@WebhookRequest(WebhookPayloadPipe) delivery: WebhookDelivery): Promise<WebhookAcceptedResponse> {
    const result = await this.messagesService.store(delivery.message);
    delivery.outcome.duplicate = result === 'duplicate';

    return { status: 'ok' };
  }
}
