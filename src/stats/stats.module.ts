import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Message } from '../messages/message.entity';
import { MessageTotals } from '../messages/message-totals.entity';
import { SenderCount } from '../messages/sender-count.entity';
import { StatsController } from './stats.controller';
import { StatsService } from './stats.service';

/** Serves `GET /stats` from the messages table. */
@Module({
  imports: [TypeOrmModule.forFeature([Message, SenderCount, MessageTotals])],
  controllers: [StatsController],
  providers: [StatsService],
})
export class StatsModule {}
