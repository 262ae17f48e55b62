import { Body, Controller, Delete, Get, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../access/actor';
import { CurrentActor, RequirePermission } from '../access/decorators';
import { ApiId, ApiList } from '../common/api-docs';
import { parseListQuery } from '../common/list-query';
import { IdParam } from '../common/validation';
import { CreateIndicatorDto, IndicatorResponse, UpdateIndicatorDto } from './dto/indicator.dto';
import { INDICATOR_LIST } from './indicators.list';
import { IndicatorsService } from './indicators.service';

@ApiTags('indicators')
@Controller('indicators')
export class IndicatorsController {
  constructor(private readonly indicators: IndicatorsService) {}

  @Get()
  @RequirePermission('indicators:read')
  @ApiList('indicators', IndicatorResponse, '{"q":"recruit","level":"outcome","measureType":"proportion"}')
  list(@CurrentActor() actor: Actor, @Query() query: Record<string, unknown>) {
    return this.indicators.list(actor, parseListQuery(query, INDICATOR_LIST));
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
