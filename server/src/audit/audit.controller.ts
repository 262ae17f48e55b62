import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { RequirePermission } from '../access/decorators';
import { ApiList } from '../common/api-docs';
import { applyListQuery, ListPage, parseListQuery } from '../common/list-query';
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
  async list(@Query() query: Record<string, unknown>) {
    const parsed = parseListQuery(query, AUDIT_LIST);
    const qb = applyListQuery(this.db.getRepository(AuditEvent).createQueryBuilder('event'), AUDIT_LIST, parsed);
    const [rows, total] = await qb.getManyAndCount();
    return new ListPage(AUDIT_LIST.resource, rows, parsed.range.start, total);
  }
}
