import type { Response } from 'express';
import { ExportService } from '../exports/export.service';
import { Body, Controller, Delete, Get, Post, Put, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../access/actor';
import { CurrentActor, RequirePermission } from '../access/decorators';
import { ApiExport, ApiId, ApiList } from '../common/api-docs';
import { parseListQuery } from '../common/list-query';
import { IdParam } from '../common/validation';
import { CreateProgramDto, ProgramResponse, UpdateProgramDto } from './dto/program.dto';
import { PROGRAM_LIST, PROGRAM_EXPORT } from './programs.list';
import { ProgramsService } from './programs.service';

@ApiTags('programs')
@Controller('programs')
export class ProgramsController {
  constructor(
    private readonly programs: ProgramsService,
    private readonly exports: ExportService,
  ) {}

  @Get()
  @RequirePermission('programs:read')
  @ApiList('programs', ProgramResponse, '{"q":"school","strategy":"educate_potential_victims","country":"PH"}')
  list(@CurrentActor() actor: Actor, @Query() query: Record<string, unknown>) {
    return this.programs.list(actor, parseListQuery(query, PROGRAM_LIST));
  }

  @Get('export')
  @RequirePermission('programs:read')
  @ApiExport()
  export(@CurrentActor() actor: Actor, @Query() query: Record<string, unknown>, @Res() res: Response) {
    return this.exports.send(actor, res, this.programs.visible(actor), PROGRAM_EXPORT, query);
  }

  @Get(':id')
  @RequirePermission('programs:read')
  @ApiId(ProgramResponse)
  get(@CurrentActor() actor: Actor, @IdParam() id: number) {
    return this.programs.get(actor, id);
  }

  @Post()
  @RequirePermission('programs:write')
  @ApiCreatedResponse({ type: ProgramResponse })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateProgramDto) {
    return this.programs.create(actor, dto);
  }

  @Put(':id')
  @RequirePermission('programs:write')
  @ApiId(ProgramResponse)
  update(@CurrentActor() actor: Actor, @IdParam() id: number, @Body() dto: UpdateProgramDto) {
    return this.programs.update(actor, id, dto);
  }

  @Delete(':id')
  @RequirePermission('programs:write')
  @ApiId(ProgramResponse)
  remove(@CurrentActor() actor: Actor, @IdParam() id: number) {
    return this.programs.remove(actor, id);
  }
}
