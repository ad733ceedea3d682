import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { HealthService, LivenessResponse, ReadinessResponse } from './health.service';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly healthService: HealthService) {}

  /** Liveness: 200 while the process can serve requests at all. */
  @Get('live')
  @ApiOperation({ summary: 'Liveness probe' })
  @ApiOkResponse({ type: LivenessResponse })
  live(): LivenessResponse {
    return { status: 'alive' };
  }

  /** Readiness: 200 when the database responds, its schema is current and the secret is set, otherwise 503. */
  @Get('ready')
  @ApiOperation({
    summary: 'Readiness probe',
    description: 'Ready when the database responds and takes a write, migrations are applied, the secret is set and no shutdown has begun.',
  })
  @ApiOkResponse({ type: ReadinessResponse, example: { status: 'ready' } })
  @ApiServiceUnavailableResponse({
    type: ReadinessResponse,
    example: { status: 'not ready', error: 'WEBHOOK_SECRET is not configured' },
  })
  async ready(@Res({ passthrough: true }) response: Response): Promise<ReadinessResponse> {
    const readiness = await this.healthService.checkReadiness();
    if (readiness.status !== 'ready') {
      response.status(503);
    }

    return readiness;
  }
}
