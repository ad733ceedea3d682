import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { ValidationErrorResponse } from '../common/error.response';
import { ListMessagesQueryDto } from './list-messages.query.dto';
import { MessagePageResponse } from './message.response';
import { MessagesService } from './messages.service';

@ApiTags('messages')
@Controller('messages')
export class MessagesController {
  constructor(private readonly messagesService: MessagesService) {}

  @Get()
  @ApiOperation({
    summary: 'List messages',
    description: 'Chronological by ts, then message_id. Filters combine. Page with limit and offset, or with cursor.',
  })
  @ApiOkResponse({ type: MessagePageResponse })
  @ApiUnprocessableEntityResponse({
    type: ValidationErrorResponse,
    description: 'an invalid parameter; one entry per parameter',
    example: { detail: [{ loc: ['query', 'limit'], msg: 'limit must be an integer from 1 to 100', type: 'less_than_equal' }] },
  })
  list(@Query() query: ListMessagesQueryDto): Promise<MessagePageResponse> {
    return this.messagesService.list(query);
  }
}
