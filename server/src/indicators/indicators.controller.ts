import type { Response } from 'express';
import { ExportService } from '../exports/export.service';
import { Body, Controller, Delete, Get, Post, Put, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../access/actor';
import { CurrentActor, RequirePermission } from '../access/decorators';
import { ApiExport, ApiId, ApiList } from '../common/api-docs';
import { parseListQuery } from '../common/list-query';
import { IdParam } from '../common/validation';
import { CreateIndicatorDto, IndicatorResponse, UpdateIndicatorDto } from './dto/indicator.dto';
import { INDICATOR_LIST, INDICATOR_EXPORT } from './indicators.list';
import { IndicatorsService } from './indicators.service';

@ApiTags('indicators')
@Controller('indicators')
export class IndicatorsController {
  constructor(
    private readonly indicators: IndicatorsService,
    private readonly exports: ExportService,
  ) {}

  @Get()
  @RequirePermission('indicators:read')
  @ApiList('indicators', IndicatorResponse, '{"q":"recruit","level":"outcome","measureType":"proportion"}')
  list(@CurrentActor() actor: Actor, @Query() query: Record<string, unknown>) {
    return this.indicators.list(actor, parseListQuery(query, INDICATOR_LIST));
  }

  @Get('export')
  @RequirePermission('indicators:read')
  @ApiExport()
  export(@CurrentActor() actor: Actor, @Query() query: Record<string, unknown>, @Res() res: Response) {
    return this.exports.send(actor, res, this.indicators.visible(actor), INDICATOR_EXPORT, query);
  }

  @Get(':id')
  @RequirePermission('indicators:read')
  @ApiId(IndicatorResponse)
  get(@CurrentActor() actor: Actor, @IdParam() id: number) {
    return this.indicators.get(actor, id);
  }

  @Post()
  @RequirePermission('indicators:write')
  @ApiCreatedResponse({ type: IndicatorResponse })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateIndicatorDto) {
    return this.indicators.create(actor, dto);
  }

  @Put(':id')
  @RequirePermission('indicators:write')
  @ApiId(IndicatorResponse)
  update(@CurrentActor() actor: Actor, @IdParam() id: number, @Body() dto: UpdateIndicatorDto) {
    return this.indicators.update(actor, id, dto);
  }

  @Delete(':id')
  @RequirePermission('indicators:write')
  @ApiId(IndicatorResponse)
  remove(@CurrentActor() actor: Actor, @IdParam() id: number) {
    return this.indicators.remove(actor, id);
  }
}
