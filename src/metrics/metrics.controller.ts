import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { PrometheusController } from '@willsoto/nestjs-prometheus';
import type { Response } from 'express';

/** `GET /metrics`, documented for OpenAPI; the Prometheus module serves the text itself. */
@ApiTags('metrics')
@Controller()
export class MetricsController extends PrometheusController {
  @Get()
  @ApiOperation({ summary: 'Prometheus metrics', description: 'Text exposition format, version 0.0.4.' })
  @ApiProduces('text/plain')
  @ApiOkResponse({
    description: 'http_requests_total, http_request_latency_ms, webhook_requests_total, webhook_signature_matches_total, process metrics',
    schema: { type: 'string', example: 'webhook_requests_total{result="created"} 8' },
  })
  override index(@Res({ passthrough: true }) response: Response): Promise<string> {
    return super.index(response);
  }
}
