import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../access/actor';
import { CurrentActor, RequirePermission } from '../access/decorators';
import { JobsService } from './jobs.service';

@ApiTags('jobs')
@Controller('jobs')
export class JobsController {
  constructor(private readonly jobs: JobsService) {}

  @Get(':id')
  @RequirePermission('jobs:read')
  @ApiParam({ name: 'id', description: 'The job id (UUID) returned when the job was created' })
  @ApiOkResponse({ description: '{ state, progress (0–100), processedRows, totalRows, result, errors, errorCount }' })
  get(@CurrentActor() actor: Actor, @Param('id') id: string) {
    return this.jobs.get(actor, id);
  }
}
