import type { Response } from 'express';
import { ExportService } from '../exports/export.service';
import { Body, Controller, Delete, Get, HttpCode, Post, Put, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../access/actor';
import { CurrentActor, RequirePermission } from '../access/decorators';
import { ApiExport, ApiId, ApiList } from '../common/api-docs';
import { parseListQuery } from '../common/list-query';
import { IdParam } from '../common/validation';
import { CreateGrantDto, DeclineGrantDto, GrantProgramsDto, GrantResponse, UpdateGrantDto } from './dto/grant.dto';
import {
  CreateReportingPeriodDto,
  ReportingPeriodResponse,
  UpdateReportingPeriodDto,
} from './dto/reporting-period.dto';
import { CreateTargetDto, TargetResponse, UpdateTargetDto } from './dto/target.dto';
import {
  GRANT_LIST,
  REPORTING_PERIOD_LIST,
  TARGET_LIST,
  GRANT_EXPORT,
  REPORTING_PERIOD_EXPORT,
  TARGET_EXPORT,
} from './grants.list';
import { GrantsService } from './grants.service';
import { ReportingPeriodsService } from './reporting-periods.service';
import { TargetsService } from './targets.service';

@ApiTags('grants')
@Controller('grants')
export class GrantsController {
  constructor(
    private readonly grants: GrantsService,
    private readonly exports: ExportService,
  ) {}

  @Get()
  @RequirePermission('grants:read')
  @ApiList('grants', GrantResponse, '{"q":"workshops","status":"active","programId":3}')
  list(@CurrentActor() actor: Actor, @Query() query: Record<string, unknown>) {
    return this.grants.list(actor, parseListQuery(query, GRANT_LIST));
  }

  @Get('export')
  @RequirePermission('grants:read')
  @ApiExport()
  export(@CurrentActor() actor: Actor, @Query() query: Record<string, unknown>, @Res() res: Response) {
    return this.exports.send(actor, res, this.grants.visible(actor), GRANT_EXPORT, query);
  }

  @Get(':id')
  @RequirePermission('grants:read')
  @ApiId(GrantResponse)
  get(@CurrentActor() actor: Actor, @IdParam() id: number) {
    return this.grants.get(actor, id);
  }

  @Post()
  @RequirePermission('grants:write')
  @ApiCreatedResponse({ type: GrantResponse, description: 'Also generates the reporting periods' })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateGrantDto) {
    return this.grants.create(actor, dto);
  }

  @Put(':id')
  @RequirePermission('grants:write')
  @ApiId(GrantResponse)
  update(@CurrentActor() actor: Actor, @IdParam() id: number, @Body() dto: UpdateGrantDto) {
    return this.grants.update(actor, id, dto);
  }

  @Delete(':id')
  @RequirePermission('grants:write')
  @ApiId(GrantResponse)
  remove(@CurrentActor() actor: Actor, @IdParam() id: number) {
    return this.grants.remove(actor, id);
  }

  @Post(':id/accept')
  @HttpCode(200)
  @RequirePermission('grants:consent')
  @ApiId(GrantResponse)
  accept(@CurrentActor() actor: Actor, @IdParam() id: number, @Body() dto: GrantProgramsDto) {
    return this.grants.accept(actor, id, dto);
  }

  @Post(':id/decline')
  @HttpCode(200)
  @RequirePermission('grants:consent')
  @ApiId(GrantResponse)
  decline(@CurrentActor() actor: Actor, @IdParam() id: number, @Body() dto: DeclineGrantDto) {
    return this.grants.decline(actor, id, dto);
  }

  @Put(':id/programs')
  @RequirePermission('grants:consent')
  @ApiId(GrantResponse)
  setPrograms(@CurrentActor() actor: Actor, @IdParam() id: number, @Body() dto: GrantProgramsDto) {
    return this.grants.setPrograms(actor, id, dto);
  }
}

@ApiTags('grants')
@Controller('reporting-periods')
export class ReportingPeriodsController {
  constructor(
    private readonly periods: ReportingPeriodsService,
    private readonly exports: ExportService,
  ) {}

  @Get()
  @RequirePermission('grants:read')
  @ApiList('reporting-periods', ReportingPeriodResponse, '{"grantId":3}')
  list(@CurrentActor() actor: Actor, @Query() query: Record<string, unknown>) {
    return this.periods.list(actor, parseListQuery(query, REPORTING_PERIOD_LIST));
  }

  @Get('export')
  @RequirePermission('grants:read')
  @ApiExport()
  export(@CurrentActor() actor: Actor, @Query() query: Record<string, unknown>, @Res() res: Response) {
    return this.exports.send(actor, res, this.periods.visible(actor), REPORTING_PERIOD_EXPORT, query);
  }

  @Get(':id')
  @RequirePermission('grants:read')
  @ApiId(ReportingPeriodResponse)
  get(@CurrentActor() actor: Actor, @IdParam() id: number) {
    return this.periods.get(actor, id);
  }

  @Post()
  @RequirePermission('grants:write')
  @ApiCreatedResponse({ type: ReportingPeriodResponse })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateReportingPeriodDto) {
    return this.periods.create(actor, dto);
  }

  @Put(':id')
  @RequirePermission('grants:write')
  @ApiId(ReportingPeriodResponse)
  update(@CurrentActor() actor: Actor, @IdParam() id: number, @Body() dto: UpdateReportingPeriodDto) {
    return this.periods.update(actor, id, dto);
  }

  @Delete(':id')
  @RequirePermission('grants:write')
  @ApiId(ReportingPeriodResponse)
  remove(@CurrentActor() actor: Actor, @IdParam() id: number) {
    return this.periods.remove(actor, id);
  }
}

@ApiTags('grants')
@Controller('targets')
export class TargetsController {
  constructor(
    private readonly targets: TargetsService,
    private readonly exports: ExportService,
  ) {}

  @Get()
  @RequirePermission('targets:read')
  @ApiList('targets', TargetResponse, '{"grantId":3}')
  list(@CurrentActor() actor: Actor, @Query() query: Record<string, unknown>) {
    return this.targets.list(actor, parseListQuery(query, TARGET_LIST));
  }

  @Get('export')
  @RequirePermission('targets:read')
  @ApiExport()
  export(@CurrentActor() actor: Actor, @Query() query: Record<string, unknown>, @Res() res: Response) {
    return this.exports.send(actor, res, this.targets.visible(actor), TARGET_EXPORT, query);
  }

  @Get(':id')
  @RequirePermission('targets:read')
  @ApiId(TargetResponse)
  get(@CurrentActor() actor: Actor, @IdParam() id: number) {
    return this.targets.get(actor, id);
  }

  @Post()
  @RequirePermission('targets:write')
  @ApiCreatedResponse({ type: TargetResponse })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateTargetDto) {
    return this.targets.create(actor, dto);
  }

  @Put(':id')
  @RequirePermission('targets:write')
  @ApiId(TargetResponse)
  update(@CurrentActor() actor: Actor, @IdParam() id: number, @Body() dto: UpdateTargetDto) {
    return this.targets.update(actor, id, dto);
  }

  @Delete(':id')
  @RequirePermission('targets:write')
  @ApiId(TargetResponse)
  remove(@CurrentActor() actor: Actor, @IdParam() id: number) {
    return this.targets.remove(actor, id);
  }
}
