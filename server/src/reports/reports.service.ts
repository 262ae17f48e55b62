import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import type { Actor } from '../access/actor';
import { recordAudit } from '../audit/audit-log';
import { commentThread } from '../evaluations/review.service';
import { EvaluationsService } from '../evaluations/evaluations.service';
import { EvidenceService } from '../evidence/evidence.service';
import { RatingsService } from '../evidence/ratings.service';
import { Grant } from '../database/entities/grant.entity';
import { Indicator } from '../database/entities/indicator.entity';
import { Organization } from '../database/entities/organization.entity';
import { OutcomeMeasurement } from '../database/entities/outcome-measurement.entity';
import { Program } from '../database/entities/program.entity';
import { outcomeSwitching } from '../rules/measurement-rules';
import { fmt, type SummaryData } from './summary-data';
import { summaryPdf } from './summary-pdf';
import { summaryXlsx } from './summary-xlsx';

const ARM_ORDER = ['treatment', 'comparison', 'single'];
const TIMEPOINT_ORDER = ['baseline', 'post', 'follow_up'];

/** Evaluation summaries for boards and funders (PDF, XLSX), from what the actor may read. */
@Injectable()
export class ReportsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly evaluations: EvaluationsService,
    private readonly evidence: EvidenceService,
    private readonly ratings: RatingsService,
  ) {}

  async summary(actor: Actor, id: number, format: 'pdf' | 'xlsx'): Promise<{ body: Buffer; name: string }> {
    const data = await this.gather(actor, id);
    const body = format === 'pdf' ? await summaryPdf(data) : await summaryXlsx(data);
    await recordAudit(this.db.manager, actor, {
      action: 'export',
      entityType: 'evaluation',
      entityId: id,
      after: { resource: 'evaluation-summary', format },
    });
    return { body, name: `evaluation-${id}-summary.${format}` };
  }

  private async gather(actor: Actor, id: number): Promise<SummaryData> {
    const manager = this.db.manager;
    const evaluation = await this.evaluations.findVisible(actor, id);
    const program = await manager.findOneByOrFail(Program, { id: evaluation.programId });
    const organization = await manager.findOneByOrFail(Organization, { id: evaluation.organizationId });
    const grant = evaluation.grantId === null ? null : await manager.findOneBy(Grant, { id: evaluation.grantId });
    const funder = grant ? await manager.findOneBy(Organization, { id: grant.funderOrganizationId }) : null;
    const measurements = await manager.find(OutcomeMeasurement, { where: { evaluationId: id } });
    const indicatorIds = [
      ...new Set([
        ...measurements.map((m) => m.indicatorId),
        ...evaluation.primaryIndicatorIds,
        ...(evaluation.registeredPrimaryIndicatorIds ?? []),
      ]),
    ];
    const indicators = new Map(
      (indicatorIds.length ? await manager.findBy(Indicator, { id: In(indicatorIds) }) : []).map((i) => [i.id, i]),
    );
    const code = (indicatorId: number) => indicators.get(indicatorId)?.code ?? `indicator ${indicatorId}`;
    const switching = outcomeSwitching(evaluation.registeredPrimaryIndicatorIds, evaluation.primaryIndicatorIds);
    const thread = await commentThread(manager, actor, [id]).getMany();
    const sorted = [...measurements].sort(
      (a, b) =>
        code(a.indicatorId).localeCompare(code(b.indicatorId)) ||
        ARM_ORDER.indexOf(a.arm) - ARM_ORDER.indexOf(b.arm) ||
        TIMEPOINT_ORDER.indexOf(a.timepoint) - TIMEPOINT_ORDER.indexOf(b.timepoint) ||
        `${a.sex}${a.ageBand}${a.region}`.localeCompare(`${b.sex}${b.ageBand}${b.region}`),
    );
    return {
      evaluation: {
        id: evaluation.id,
        title: evaluation.title,
        design: evaluation.design,
        evaluatorType: evaluation.evaluatorType,
        evaluatorName: evaluation.evaluatorName,
        startDate: evaluation.startDate,
        endDate: evaluation.endDate,
        status: evaluation.status,
        revision: evaluation.revision,
        summary: evaluation.summary,
        limitations: evaluation.limitations,
        plannedSizes: evaluation.plannedSizes,
        achievedSizes: evaluation.achievedSizes,
        primary: evaluation.primaryIndicatorIds.map((i) => `${code(i)} ${indicators.get(i)?.name ?? ''}`.trim()),
        outcomeSwitching: switching ? { added: switching.added.map(code), removed: switching.removed.map(code) } : null,
      },
      program: { name: program.name, strategy: program.strategy, countries: program.countries },
      organization: organization.name,
      grant: grant ? { reference: grant.reference, title: grant.title, funder: funder?.name ?? '' } : null,
      measurements: sorted.map((m) => {
        const total = m.sex === 'total' && m.ageBand === 'total' && m.region === 'total';
        const result =
          m.events !== null
            ? `${m.events} of ${m.n} (${fmt((m.events / m.n) * 100, 1)} %)`
            : m.mean !== null
              ? `mean ${fmt(m.mean)} (SD ${fmt(m.sd)})`
              : fmt(m.value);
        return {
          indicator: code(m.indicatorId),
          arm: m.arm,
          timepoint: m.timepoint,
          disaggregation: total ? 'all' : [m.sex, m.ageBand, m.region].filter((v) => v !== 'total').join(', '),
          n: m.n,
          result,
        };
      }),
      evidence: await this.evidence.evidenceOf(evaluation),
      rating: await this.ratings.get(actor, id),
      thread: thread.map((c) => ({
        at: c.createdAt,
        author: c.authorName,
        role: c.authorRole,
        kind: c.kind,
        body: c.body,
      })),
      generatedAt: new Date(),
    };
  }
}
