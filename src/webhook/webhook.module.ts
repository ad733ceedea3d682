import { Module } from '@nestjs/common';
import { MessagesModule } from '../messages/messages.module';
import { HmacSignatureGuard } from './hmac-signature.guard';
import { WebhookController } from './webhook.controller';
import { WebhookPayloadPipe } from './webhook-payload.pipe';

/** Serves `POST /webhook`: signature check, payload validation, idempotent storage. */
@Module({
  imports: [MessagesModule],
  controllers: [WebhookController],
  providers: [HmacSignatureGuard, WebhookPayloadPipe],
})
export class WebhookModule {}
