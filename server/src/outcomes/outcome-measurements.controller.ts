import type { Response } from 'express';
import { ExportService } from '../exports/export.service';
import { Body, Controller, Delete, Get, Post, Put, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../access/actor';
import { CurrentActor, RequirePermission } from '../access/decorators';
import { ApiExport, ApiId, ApiList } from '../common/api-docs';
import { parseListQuery } from '../common/list-query';
import { IdParam } from '../common/validation';
import {
  CreateOutcomeMeasurementDto,
  OutcomeMeasurementResponse,
  UpdateOutcomeMeasurementDto,
} from './dto/outcome-measurement.dto';
import { OUTCOME_MEASUREMENT_LIST, OUTCOME_MEASUREMENT_EXPORT } from './outcome-measurements.list';
import { OutcomeMeasurementsService } from './outcome-measurements.service';

@ApiTags('evaluations')
@Controller('outcome-measurements')
export class OutcomeMeasurementsController {
  constructor(
    private readonly measurements: OutcomeMeasurementsService,
    private readonly exports: ExportService,
  ) {}

  @Get()
  @RequirePermission('outcome-measurements:read')
  @ApiList('outcome-measurements', OutcomeMeasurementResponse, '{"evaluationId":12}')
  list(@CurrentActor() actor: Actor, @Query() query: Record<string, unknown>) {
    return this.measurements.list(actor, parseListQuery(query, OUTCOME_MEASUREMENT_LIST));
  }

  @Get('export')
  @RequirePermission('outcome-measurements:read')
  @ApiExport()
  export(@CurrentActor() actor: Actor, @Query() query: Record<string, unknown>, @Res() res: Response) {
    return this.exports.send(actor, res, this.measurements.visible(actor), OUTCOME_MEASUREMENT_EXPORT, query);
  }

  @Get(':id')
  @RequirePermission('outcome-measurements:read')
  @ApiId(OutcomeMeasurementResponse)
  get(@CurrentActor() actor: Actor, @IdParam() id: number) {
    return this.measurements.get(actor, id);
  }

  @Post()
  @RequirePermission('outcome-measurements:write')
  @ApiCreatedResponse({ type: OutcomeMeasurementResponse })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateOutcomeMeasurementDto) {
    return this.measurements.create(actor, dto);
  }

  @Put(':id')
  @RequirePermission('outcome-measurements:write')
  @ApiId(OutcomeMeasurementResponse)
  update(@CurrentActor() actor: Actor, @IdParam() id: number, @Body() dto: UpdateOutcomeMeasurementDto) {
    return this.measurements.update(actor, id, dto);
  }

  @Delete(':id')
  @RequirePermission('outcome-measurements:write')
  @ApiId(OutcomeMeasurementResponse)
  remove(@CurrentActor() actor: Actor, @IdParam() id: number) {
    return this.measurements.remove(actor, id);
  }
}
