import { Controller, Get, Res } from '@nestjs/common';
import type { Response } from 'express';
import { HealthService } from './health.service';
import type { LivenessResponse, ReadinessResponse } from './health.service';

@Controller('health')
export class HealthController {
  constructor(private readonly healthService: HealthService) {}

  /** Liveness: 200 while the process can serve requests at all. */
  @Get('live')
  live(): LivenessResponse {
    return { status: 'alive' };
  }

  /** Readiness: 200 when the database responds, its schema is current and the secret is set, otherwise 503. */
  @Get('ready')
  async ready(@Res({ passthrough: true }) response: Response): Promise<ReadinessResponse> {
    const readiness = await this.healthService.checkReadiness();
    if (readiness.status !== 'ready') {
      response.status(503);
    }

    return readiness;
  }
}
