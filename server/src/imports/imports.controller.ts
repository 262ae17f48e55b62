import { Controller, Get, Headers, Post, Query, Req, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiConsumes, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { Actor } from '../access/actor';
import { CurrentActor, RequirePermission } from '../access/decorators';
import { ValidationFailedError } from '../common/errors';
import { IdParam } from '../common/validation';
import { ImportsService, parseFlag } from './imports.service';

@ApiTags('imports')
@Controller('evaluations')
export class ImportsController {
  constructor(private readonly imports: ImportsService) {}

  @Get(':id/import-template')
  @RequirePermission('evaluations:read')
  @ApiQuery({ name: 'format', enum: ['csv', 'xlsx'], required: false })
  @ApiOkResponse({ description: 'A CSV or XLSX template with the evaluation’s indicators, arms and timepoints' })
  async template(
    @CurrentActor() actor: Actor,
    @IdParam() id: number,
    @Query('format') format: string | undefined,
    @Res() res: Response,
  ): Promise<void> {
    const chosen = format ?? 'csv';
    if (chosen !== 'csv' && chosen !== 'xlsx') throw ValidationFailedError.forField('format', 'must be csv or xlsx');
    const { body, fileName } = await this.imports.template(actor, id, chosen);
    res
      .status(200)
      .type(
        chosen === 'csv'
          ? 'text/csv; charset=utf-8'
          : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      )
      .attachment(fileName)
      .send(body);
  }

  @Post(':id/imports')
  @RequirePermission('imports:write')
  @ApiConsumes('multipart/form-data')
  @ApiQuery({ name: 'dryRun', required: false, description: 'true: validate only, write nothing' })
  @ApiQuery({
    name: 'mode',
    required: false,
    enum: ['insert', 'upsert'],
    description: 'upsert replaces existing measurements (audited)',
  })
  @ApiAcceptedResponse({
    description: 'The import job; poll GET /api/jobs/:id. A retried Idempotency-Key returns the same job (200).',
  })
  async upload(
    @CurrentActor() actor: Actor,
    @IdParam() id: number,
    @Query() query: Record<string, unknown>,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    for (const name of Object.keys(query)) {
      if (name !== 'dryRun' && name !== 'mode')
        throw ValidationFailedError.forField(name, 'unknown query parameter; use dryRun and mode');
    }
    const mode = query.mode ?? 'insert';
    if (mode !== 'insert' && mode !== 'upsert')
      throw ValidationFailedError.forField('mode', 'must be insert or upsert');
    const { status, job } = await this.imports.upload(actor, id, req, {
      dryRun: parseFlag('dryRun', query.dryRun),
      mode,
      idempotencyKey,
    });
    res.status(status).location(`/api/jobs/${job.id}`).json(job);
  }
}
