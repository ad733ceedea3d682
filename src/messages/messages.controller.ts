import { Controller, Get, Query } from '@nestjs/common';
import { ListMessagesQueryDto } from './list-messages.query.dto';
import { MessagePageResponse } from './message.response';
import { MessagesService } from './messages.service';

@Controller('messages')
export class MessagesController {
  constructor(private readonly messagesService: MessagesService) {}

  @Get()
  list(@Query() query: ListMessagesQueryDto): Promise<MessagePageResponse> {
    return this.messagesService.list(query);
  }
}
