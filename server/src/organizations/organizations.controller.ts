import type { Response } from 'express';
import { ExportService } from '../exports/export.service';
import { Body, Controller, Delete, Get, Post, Put, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../access/actor';
import { CurrentActor, RequirePermission } from '../access/decorators';
import { ApiExport, ApiId, ApiList } from '../common/api-docs';
import { parseListQuery } from '../common/list-query';
import { IdParam } from '../common/validation';
import { CreateOrganizationDto, OrganizationResponse, UpdateOrganizationDto } from './dto/organization.dto';
import { ORGANIZATION_LIST, ORGANIZATION_EXPORT } from './organizations.list';
import { OrganizationsService } from './organizations.service';

@ApiTags('organizations')
@Controller('organizations')
export class OrganizationsController {
  constructor(
    private readonly organizations: OrganizationsService,
    private readonly exports: ExportService,
  ) {}

  @Get()
  @RequirePermission('organizations:read')
  @ApiList('organizations', OrganizationResponse, '{"q":"fund","kind":"ngo"}')
  list(@CurrentActor() actor: Actor, @Query() query: Record<string, unknown>) {
    return this.organizations.list(actor, parseListQuery(query, ORGANIZATION_LIST));
  }

  @Get('export')
  @RequirePermission('organizations:read')
  @ApiExport()
  export(@CurrentActor() actor: Actor, @Query() query: Record<string, unknown>, @Res() res: Response) {
    return this.exports.send(actor, res, this.organizations.visible(actor), ORGANIZATION_EXPORT, query);
  }

  @Get(':id')
  @RequirePermission('organizations:read')
  @ApiId(OrganizationResponse)
  get(@CurrentActor() actor: Actor, @IdParam() id: number) {
    return this.organizations.get(actor, id);
  }

  @Post()
  @RequirePermission('organizations:write')
  @ApiCreatedResponse({ type: OrganizationResponse })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateOrganizationDto) {
    return this.organizations.create(actor, dto);
  }

  @Put(':id')
  @RequirePermission('organizations:write')
  @ApiId(OrganizationResponse)
  update(@CurrentActor() actor: Actor, @IdParam() id: number, @Body() dto: UpdateOrganizationDto) {
    return this.organizations.update(actor, id, dto);
  }

  @Delete(':id')
  @RequirePermission('organizations:write')
  @ApiId(OrganizationResponse)
  remove(@CurrentActor() actor: Actor, @IdParam() id: number) {
    return this.organizations.remove(actor, id);
  }
}
