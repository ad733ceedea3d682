import { Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { MessagesService } from '../messages/messages.service';
import { HmacSignatureGuard } from './hmac-signature.guard';
import { WebhookPayloadPipe } from './webhook-payload.pipe';
import type { WebhookDelivery } from './webhook-payload.pipe';
import { WebhookRequest } from './webhook-request.decorator';

@Controller('webhook')
export class WebhookController {
  constructor(private readonly messagesService: MessagesService) {}

  /** Stores a signed message; new and repeated deliveries both get 200 once the row is committed. */
  @Post()
  @HttpCode(200)
  @UseGuards(HmacSignatureGuard)
  async receive(@WebhookRequest(WebhookPayloadPipe) delivery: WebhookDelivery): Promise<{ status: 'ok' }> {
    const result = await this.messagesService.store(delivery.message);
    delivery.outcome.duplicate = result === 'duplicate';

    return { status: 'ok' };
  }
}
