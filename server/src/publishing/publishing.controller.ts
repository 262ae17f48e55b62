import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Actor } from '../access/actor';
import { CurrentActor, RequirePermission } from '../access/decorators';
import { ValidationFailedError } from '../common/errors';
import { IdParam } from '../common/validation';
import { PublishingService } from './publishing.service';

@ApiTags('open data')
@Controller()
export class PublishingController {
  constructor(private readonly publishing: PublishingService) {}

  @Get('grants/:id/iati.xml')
  @RequirePermission('grants:read')
  @ApiOkResponse({ description: 'IATI 2.03 iati-activities with the grant’s results, targets and actuals' })
  async grantIati(@CurrentActor() actor: Actor, @IdParam() id: number, @Res() res: Response): Promise<void> {
    // Awaited before the content type is set: a refusal (404, 422) is sent as JSON, not labelled XML.
    const xml = await this.publishing.grantIati(actor, id);
    res.type('application/xml').send(xml);
  }

  @Get('organizations/:id/iati.xml')
  @RequirePermission('grants:read')
  @ApiOkResponse({ description: 'IATI 2.03 iati-activities for every grant of the organization the caller can read' })
  async organizationIati(@CurrentActor() actor: Actor, @IdParam() id: number, @Res() res: Response): Promise<void> {
    const xml = await this.publishing.organizationIati(actor, id);
    res.type('application/xml').send(xml);
  }

  @Get('grants/:id/dhis2')
  @RequirePermission('grants:read')
  @ApiQuery({ name: 'format', required: false, enum: ['json', 'csv'] })
  @ApiOkResponse({ description: 'DHIS2 dataValueSet of the grant’s targets and actual values' })
  async grantDhis2(
    @CurrentActor() actor: Actor,
    @IdParam() id: number,
    @Query('format') format: string | undefined,
    @Res() res: Response,
  ): Promise<void> {
    const chosen = format ?? 'json';
    if (chosen !== 'json' && chosen !== 'csv') throw ValidationFailedError.forField('format', 'must be json or csv');
    const body = await this.publishing.grantDhis2(actor, id, chosen);
    res.type(chosen === 'json' ? 'application/json' : 'text/csv; charset=utf-8').send(body);
  }
}
