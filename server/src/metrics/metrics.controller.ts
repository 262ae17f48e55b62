import { Controller, Get, Header, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../access/decorators';
import { MetricsTokenGuard } from './metrics-token.guard';
import { MetricsService } from './metrics.service';

/**
 * Prometheus scrapes this instance's metrics here. `@Public()` only means "no user session or API
 * token": the MetricsTokenGuard asks for METRICS_TOKEN instead. Exists only when METRICS_TOKEN is set.
 */
@ApiTags('metrics')
@Public()
@UseGuards(MetricsTokenGuard)
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  @Get()
  @ApiBearerAuth()
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: "This instance's metrics in the Prometheus text format (needs METRICS_TOKEN)" })
  @Header('Cache-Control', 'no-store')
  async scrape(@Res({ passthrough: true }) res: Response): Promise<string> {
    const text = await this.metrics.scrape();
    res.setHeader('Content-Type', this.metrics.contentType);
    return text;
  }
}
