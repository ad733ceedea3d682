import { Controller, Get } from '@nestjs/common';
import { StatsResponse } from './stats.response';
import { StatsService } from './stats.service';

@Controller('stats')
export class StatsController {
  constructor(private readonly statsService: StatsService) {}

  @Get()
  getStats(): Promise<StatsResponse> {
    return this.statsService.getStats();
  }
}
