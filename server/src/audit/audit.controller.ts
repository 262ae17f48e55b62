import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Actor } from '../access/actor';
import { CurrentActor, RequirePermission } from '../access/decorators';
import { ApiList } from '../common/api-docs';
import { parseListQuery } from '../common/list-query';
import { AuditEvent } from './audit-event.entity';
import { AUDIT_LIST } from './audit.list';
import { AuditService } from './audit.service';

/**
 * The audit log, read-only: administrators read all of it, everyone else one record's history.
 * Rows are only ever inserted, by `recordAudit` inside each change's transaction.
 */
@ApiTags('audit')
@Controller('audit-events')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @RequirePermission('history:read')
  @ApiList('audit-events', AuditEvent, '{"subjectType":"evaluation","subjectId":"12"}')
  list(@CurrentActor() actor: Actor, @Query() query: Record<string, unknown>) {
    return this.audit.list(actor, parseListQuery(query, AUDIT_LIST));
  }
}
