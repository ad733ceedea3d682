import { timingSafeEqual } from 'node:crypto';
import { Controller, ForbiddenException, Get, Header, HttpCode, Inject, Post, Query, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { APP_CONFIG } from '../../config/app-config';
import type { AppConfig } from '../../config/app-config';
import { MessagesService } from '../../messages/messages.service';
import { WebhookRequest } from '../webhook-request.decorator';
import { HubSignatureGuard } from './hub-signature.guard';
import { WhatsAppDeliveryPipe } from './whatsapp-delivery.pipe';
import type { WhatsAppDelivery } from './whatsapp-delivery.pipe';

/** Tells whether two strings are equal, in time that does not depend on where they differ. */
function safeEqual(received: string, expected: string): boolean {
  const receivedBytes = Buffer.from(received);
  const expectedBytes = Buffer.from(expected);

  return receivedBytes.length === expectedBytes.length && timingSafeEqual(receivedBytes, expectedBytes);
}

// NOTE: documented in the README rather than in /openapi.json, since its shapes are Meta's.
@ApiExcludeController()
@Controller('webhook/whatsapp')
export class WhatsAppController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly messagesService: MessagesService,
  ) {}

  /** Meta's subscription handshake: echoes `hub.challenge` when the verify token matches. */
  @Get()
  @Header('Content-Type', 'text/plain; charset=utf-8')
  verify(
    @Query('hub.mode') mode: unknown,
    @Query('hub.verify_token') token: unknown,
    @Query('hub.challenge') challenge: unknown,
  ): string {
    const expected = this.config.whatsappVerifyToken;
    const valid =
      mode === 'subscribe' &&
      typeof token === 'string' &&
      expected !== undefined &&
      safeEqual(token, expected) &&
      typeof challenge === 'string' &&
      /^[\x21-\x7e]{1,256}$/.test(challenge);
    if (!valid) {
      throw new ForbiddenException('verification failed');
    }

    return challenge;
  }

  /** Stores every message of a delivery in one transaction; 200 once it has committed. */
  @Post()
  @HttpCode(200)
  @UseGuards(HubSignatureGuard)
  async receive(@WebhookRequest(WhatsAppDeliveryPipe) delivery: WhatsAppDelivery): Promise<{ status: 'ok' }> {
    const results = await this.messagesService.storeAll(delivery.messages);
    delivery.outcome.messagesCreated = results.filter((result) => result === 'created').length;
    delivery.outcome.messagesDuplicate = results.length - delivery.outcome.messagesCreated;

    return { status: 'ok' };
  }
}
