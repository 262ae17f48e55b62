import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import type { Actor } from '../access/actor';
import { AccessPolicy } from '../access/access.policy';
import { recordAudit } from '../audit/audit-log';
import { csvText } from '../common/csv-text';
import { NotFoundError, UnprocessableError } from '../common/errors';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { withoutSmallCounts } from '../disclosure/published-values';
import { Grant, GrantProgram, ReportingPeriod, Target } from '../database/entities/grant.entity';
import { Indicator } from '../database/entities/indicator.entity';
import { Organization } from '../database/entities/organization.entity';
import { Program } from '../database/entities/program.entity';
import { dhis2DataValues, DHIS2_CSV_COLUMNS } from './dhis2';
import { iatiActivities, organizationRef, type IatiGrant } from './iati';

/** Open-data publication of grants: IATI 2.03 activity XML and DHIS2 data value sets. */
@Injectable()
export class PublishingService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async grantIati(actor: Actor, id: number): Promise<string> {
    const grant = await this.visibleGrant(actor, id);
    const xml = iatiActivities([this.forEveryone(await this.describe(grant))]);
    await this.audit(actor, 'grant', id, { format: 'iati-2.03', grants: 1 });
    return xml;
  }

  /** Every grant of the organization (as funder or grantee) that the actor may read. */
  async organizationIati(actor: Actor, organizationId: number): Promise<string> {
    const organization = await AccessPolicy.scopeOrganizations(
      actor,
      this.db.getRepository(Organization).createQueryBuilder('organization'),
    )
      .andWhere('organization.id = :organizationId', { organizationId })
      .getOne();
    if (!organization) throw new NotFoundError('organization', organizationId);
    const grants = await AccessPolicy.scopeGrants(actor, this.db.getRepository(Grant).createQueryBuilder('grant'))
      .andWhere('(grant.funderOrganizationId = :organizationId OR grant.granteeOrganizationId = :organizationId)', {
        organizationId,
      })
      // Only accepted grants are activities of the NGO (PRODUCT.md, hard rule 3).
      .andWhere(`grant.consent = 'accepted'`)
      .orderBy('grant.id')
      .getMany();
    if (grants.length === 0) {
      throw new UnprocessableError(
        `organization ${organizationId} has no grants you can read, so there is nothing to publish`,
      );
    }
    const xml = iatiActivities(await Promise.all(grants.map(async (g) => this.forEveryone(await this.describe(g)))));
    await this.audit(actor, 'organization', organizationId, { format: 'iati-2.03', grants: grants.length });
    return xml;
  }

  async grantDhis2(actor: Actor, id: number, format: 'json' | 'csv'): Promise<string> {
    const grant = await this.visibleGrant(actor, id);
    const described = await this.describe(grant);
    const targets = described.indicators.flatMap((i) => i.targets.map((t) => ({ ...t, indicatorCode: i.code })));
    const values = dhis2DataValues(organizationRef(described.grantee), grant.reference, targets);
    await this.audit(actor, 'grant', id, { format: `dhis2-${format}`, rows: values.length });
    if (format === 'json') return JSON.stringify({ dataValues: values }, null, 2);
    // The value is a number (a negative one stays one); the other cells are text.
    return csvText([
      [...DHIS2_CSV_COLUMNS],
      ...values.map((v) => [
        v.dataElement,
        v.period,
        v.orgUnit,
        v.categoryOptionCombo,
        v.attributeOptionCombo,
        Number(v.value),
        '',
        '',
        v.comment ?? '',
        'false',
      ]),
    ]);
  }

  private async visibleGrant(actor: Actor, id: number): Promise<Grant> {
    const grant = await AccessPolicy.scopeGrants(actor, this.db.getRepository(Grant).createQueryBuilder('grant'))
      .andWhere('grant.id = :id', { id })
      .getOne();
    if (!grant) throw new NotFoundError('grant', id);
    if (grant.consent !== 'accepted') {
      throw new UnprocessableError(`grant ${id} is ${grant.consent}: only an accepted grant is published`);
    }
    return grant;
  }

  /** An IATI file is published to everyone: small counts of people leave it (disclosure/). */
  private forEveryone(grant: IatiGrant): IatiGrant {
    return {
      ...grant,
      indicators: grant.indicators.map((i) => ({
        ...i,
        targets: withoutSmallCounts(i.measureType, i.targets, this.config.suppressionK),
      })),
    };
  }

  private async describe(grant: Grant): Promise<IatiGrant> {
    const manager = this.db.manager;
    const [funder, grantee] = await Promise.all([
      manager.findOneByOrFail(Organization, { id: grant.funderOrganizationId }),
      manager.findOneByOrFail(Organization, { id: grant.granteeOrganizationId }),
    ]);
    const links = await manager.findBy(GrantProgram, { grantId: grant.id });
    const programs = links.length ? await manager.findBy(Program, { id: In(links.map((l) => l.programId)) }) : [];
    const targets = await manager.find(Target, { where: { grantId: grant.id }, order: { id: 'ASC' } });
    const periods = new Map((await manager.findBy(ReportingPeriod, { grantId: grant.id })).map((p) => [p.id, p]));
    const indicatorIds = [...new Set(targets.map((t) => t.indicatorId))];
    const indicators = indicatorIds.length ? await manager.findBy(Indicator, { id: In(indicatorIds) }) : [];
    return {
      id: grant.id,
      reference: grant.reference,
      title: grant.title,
      amount: grant.amount,
      currency: grant.currency,
      startDate: grant.startDate,
      endDate: grant.endDate,
      status: grant.status,
      funder: { id: funder.id, name: funder.name, kind: funder.kind },
      grantee: { id: grantee.id, name: grantee.name, kind: grantee.kind },
      programs: programs.map((p) => ({ id: p.id, name: p.name, summary: p.summary, countries: p.countries })),
      indicators: indicators
        .sort((a, b) => a.code.localeCompare(b.code))
        .map((i) => ({
          id: i.id,
          code: i.code,
          name: i.name,
          definition: i.definition,
          level: i.level,
          measureType: i.measureType,
          direction: i.direction,
          iatiVocabulary: i.iatiVocabulary,
          iatiCode: i.iatiCode,
          targets: targets
            .filter((t) => t.indicatorId === i.id)
            .map((t) => {
              const period = periods.get(t.reportingPeriodId)!;
              return {
                id: t.id,
                period: { startDate: period.startDate, endDate: period.endDate },
                sex: t.sex,
                ageBand: t.ageBand,
                region: t.region,
                baselineValue: t.baselineValue,
                targetValue: t.targetValue,
                actualValue: t.actualValue,
                comment: t.comment,
              };
            }),
        })),
    };
  }

  private async audit(actor: Actor, entityType: 'grant' | 'organization', id: number, after: Record<string, unknown>) {
    await recordAudit(this.db.manager, actor, { action: 'export', entityType, entityId: id, after });
  }
}
