import { Module } from '@nestjs/common';
import { MessagesModule } from '../messages/messages.module';
import { HmacSignatureGuard } from './hmac-signature.guard';
import { WebhookController } from './webhook.controller';
import { WebhookPayloadPipe } from './webhook-payload.pipe';
import { HubSignatureGuard } from './whatsapp/hub-signature.guard';
import { WhatsAppController } from './whatsapp/whatsapp.controller';
import { WhatsAppDeliveryPipe } from './whatsapp/whatsapp-delivery.pipe';

/**
 * Serves `POST /webhook` (signature check, payload validation, idempotent storage) and the
 * WhatsApp Cloud API webhook at `/webhook/whatsapp`.
 */
@Module({
  imports: [MessagesModule],
  controllers: [WebhookController, WhatsAppController],
  providers: [HmacSignatureGuard, WebhookPayloadPipe, HubSignatureGuard, WhatsAppDeliveryPipe],
})
export class WebhookModule {}
