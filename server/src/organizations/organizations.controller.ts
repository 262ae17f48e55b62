import { Body, Controller, Delete, Get, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { ApiId, ApiList } from '../common/api-docs';
import { parseListQuery } from '../common/list-query';
import { IdParam } from '../common/validation';
import { CreateOrganizationDto, OrganizationResponse, UpdateOrganizationDto } from './dto/organization.dto';
import { ORGANIZATION_LIST } from './organizations.list';
import { OrganizationsService } from './organizations.service';

@ApiTags('organizations')
@Controller('organizations')
export class OrganizationsController {
  constructor(private readonly organizations: OrganizationsService) {}

  @Get()
  @ApiList('organizations', OrganizationResponse, '{"q":"fund","kind":"ngo"}')
  list(@Query() query: Record<string, unknown>) {
    return this.organizations.list(parseListQuery(query, ORGANIZATION_LIST));
  }

  @Get(':id')
  @ApiId(OrganizationResponse)
  get(@IdParam() id: number) {
    return this.organizations.get(id);
  }

  @Post()
  @ApiCreatedResponse({ type: OrganizationResponse })
  create(@Body() dto: CreateOrganizationDto) {
    return this.organizations.create(dto);
  }

  @Put(':id')
  @ApiId(OrganizationResponse)
  update(@IdParam() id: number, @Body() dto: UpdateOrganizationDto) {
    return this.organizations.update(id, dto);
  }

  @Delete(':id')
  @ApiId(OrganizationResponse)
  remove(@IdParam() id: number) {
    return this.organizations.remove(id);
  }
}
