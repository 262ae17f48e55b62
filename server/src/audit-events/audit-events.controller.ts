import { Controller, Get, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ExportService } from '../exports/export.service';
import { ApiTags } from '@nestjs/swagger';
import type { Actor } from '../access/actor';
import { CurrentActor, RequirePermission } from '../access/decorators';
import { ApiExport, ApiList } from '../common/api-docs';
import { parseListQuery } from '../common/list-query';
import { AuditEvent } from '../database/entities/audit-event.entity';
import { AUDIT_EXPORT, AUDIT_LIST } from './audit-events.list';
import { AuditService } from './audit-events.service';

/**
 * The audit log, read-only: administrators read all of it, everyone else one record's history.
 * Rows are only ever inserted, by `recordAudit` inside each change's transaction.
 */
@ApiTags('audit')
@Controller('audit-events')
export class AuditController {
  constructor(
    private readonly audit: AuditService,
    private readonly exports: ExportService,
  ) {}

  @Get('export')
  @RequirePermission('history:read')
  @ApiExport()
  async export(@CurrentActor() actor: Actor, @Query() query: Record<string, unknown>, @Res() res: Response) {
    const { format: _format, ...listParams } = query;
    const listQuery = parseListQuery(listParams, AUDIT_LIST);
    await this.audit.assertMayList(actor, listQuery);
    await this.exports.send(actor, res, this.audit.visible(actor, listQuery), AUDIT_EXPORT, query);
  }

  @Get()
  @RequirePermission('history:read')
  @ApiList('audit-events', AuditEvent, '{"subjectType":"evaluation","subjectId":"12"}')
  list(@CurrentActor() actor: Actor, @Query() query: Record<string, unknown>) {
    return this.audit.list(actor, parseListQuery(query, AUDIT_LIST));
  }
}
