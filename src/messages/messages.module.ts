import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Message } from './message.entity';
import { MessagesController } from './messages.controller';
import { MessageWriter } from './message-writer';
import { MessagesService } from './messages.service';
import { MessageTotals } from './message-totals.entity';
import { SenderCount } from './sender-count.entity';

/** Stores messages and serves `GET /messages`; exports `MessagesService` for ingestion. */
@Module({
  imports: [TypeOrmModule.forFeature([Message, SenderCount, MessageTotals])],
  controllers: [MessagesController],
  providers: [MessagesService, MessageWriter],
  exports: [MessagesService],
})
export class MessagesModule {}
