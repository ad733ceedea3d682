import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { StatsResponse } from './stats.response';
import { StatsService } from './stats.service';

@ApiTags('stats')
@Controller('stats')
export class StatsController {
  constructor(private readonly statsService: StatsService) {}

  @Get()
  @ApiOperation({ summary: 'Message statistics', description: 'Totals, the top 10 senders and the first and last ts.' })
  @ApiOkResponse({ type: StatsResponse })
  getStats(): Promise<StatsResponse> {
    return this.statsService.getStats();
  }
}
