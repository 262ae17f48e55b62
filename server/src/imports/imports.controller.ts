import { Controller, Get, Headers, Post, Query, Req, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { Actor } from '../access/actor';
import { AcceptsBody, CurrentActor, RequirePermission } from '../access/decorators';
import { ValidationFailedError } from '../common/errors';
import { IdParam } from '../common/validation';
import { ImportsService, parseFlag, type ImportOptions } from './imports.service';
import { IdempotencyKeys } from '../idempotency/idempotency.decorators';

@ApiTags('imports')
@IdempotencyKeys('own')
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
  @AcceptsBody('multipart/form-data')
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
    const { status, job } = await this.imports.uploadMeasurements(actor, id, req, importOptions(query, idempotencyKey));
    res.status(status).location(`/api/jobs/${job.id}`).json(job);
  }
}

/** Reads dryRun and mode (anything else is a 400 naming it). */
function importOptions(query: Record<string, unknown>, idempotencyKey: string | undefined): ImportOptions {
  for (const name of Object.keys(query)) {
    if (name !== 'dryRun' && name !== 'mode') {
      throw ValidationFailedError.forField(name, 'unknown query parameter; use dryRun and mode');
    }
  }
  if (query.mode !== undefined && query.mode !== 'insert' && query.mode !== 'upsert') {
    throw ValidationFailedError.forField('mode', 'must be insert or upsert');
  }
  return {
    dryRun: parseFlag('dryRun', query.dryRun),
    mode: query.mode === 'upsert' ? 'upsert' : 'insert',
    idempotencyKey,
  };
}

@ApiTags('imports')
@IdempotencyKeys('own')
@Controller()
export class LibraryImportsController {
  constructor(private readonly imports: ImportsService) {}

  @Post('indicators/imports')
  @RequirePermission('indicators:write')
  @AcceptsBody('multipart/form-data')
  @ApiAcceptedResponse({
    description: 'Import the indicator library from CSV/XLSX (columns code, name, level, measure_type, direction, …)',
  })
  async indicators(
    @CurrentActor() actor: Actor,
    @Query() query: Record<string, unknown>,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const { status, job } = await this.imports.uploadIndicators(actor, req, importOptions(query, idempotencyKey));
    res.status(status).location(`/api/jobs/${job.id}`).json(job);
  }

  @Post('grants/:id/imports')
  @RequirePermission('targets:write')
  @AcceptsBody('multipart/form-data')
  @ApiAcceptedResponse({ description: 'Import targets (funder) or actual values (grantee) from CSV/XLSX' })
  async targets(
    @CurrentActor() actor: Actor,
    @IdParam() id: number,
    @Query() query: Record<string, unknown>,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const { status, job } = await this.imports.uploadTargets(actor, id, req, importOptions(query, idempotencyKey));
    res.status(status).location(`/api/jobs/${job.id}`).json(job);
  }
}
