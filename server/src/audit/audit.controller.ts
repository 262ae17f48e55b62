import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { RequirePermission } from '../access/decorators';
import { ApiList } from '../common/api-docs';
import { fetchListPage, parseListQuery } from '../common/list-query';
import { AuditEvent } from './audit-event.entity';
import { AUDIT_LIST } from './audit.list';

/**
 * The audit log, read-only (administrators; organizations' own history tabs come with issue 4's
 * admin work). Rows are only ever inserted, by `recordAudit` inside each change's transaction.
 */
@ApiTags('audit')
@Controller('audit-events')
export class AuditController {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  @Get()
  @RequirePermission('audit-events:read')
  @ApiList('audit-events', AuditEvent, '{"entityType":"program","action":"update"}')
  list(@Query() query: Record<string, unknown>) {
    const qb = this.db.getRepository(AuditEvent).createQueryBuilder('event');
    return fetchListPage(qb, AUDIT_LIST, parseListQuery(query, AUDIT_LIST), (row) => row);
  }
}
