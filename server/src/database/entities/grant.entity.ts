import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { VersionedEntity } from '../../common/versioned';
import { Indicator } from './indicator.entity';
import { Organization } from './organization.entity';
import { Program } from './program.entity';
import type { GrantConsent, GrantStatus, ReportingFrequency } from '../../vocabulary/grants';
import type { AgeBand, Sex } from '../../vocabulary/evaluations';

/** numeric columns arrive from pg as strings; amounts fit a double exactly (15 digits, 2 decimals). */
const numericAsNumber = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};

/** Money from a funder to an NGO for some of its programs. Tenant key: the grantee (`organization_id`). */
@Entity({ name: 'grants' })
@Index('grants_funder_reference_unique', ['funderOrganizationId', 'reference'], { unique: true })
@Check('grants_dates_check', `end_date >= start_date`)
@Check('grants_amount_check', `amount >= 0`)
@Check('grants_frequency_check', `reporting_frequency IN ('quarterly', 'semiannual', 'annual')`)
@Check('grants_status_check', `status IN ('active', 'closed')`)
@Check('grants_consent_check', `consent IN ('offered', 'accepted', 'declined')`)
export class Grant extends VersionedEntity {
  /** The grantee NGO. */
  @Index('grants_organization_id_idx')
  @Column({ name: 'organization_id', type: 'int' })
  granteeOrganizationId: number;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organization_id', foreignKeyConstraintName: 'grants_organization_id_fkey' })
  grantee?: Organization;

  @Column({ name: 'funder_organization_id', type: 'int' })
  funderOrganizationId: number;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'funder_organization_id', foreignKeyConstraintName: 'grants_funder_organization_id_fkey' })
  funder?: Organization;

  @Column({ type: 'text' })
  reference: string;

  @Column({ type: 'text', collation: 'und-x-icu' })
  title: string;

  @Column({ type: 'numeric', precision: 15, scale: 2, transformer: numericAsNumber })
  amount: number;

  @Column({ type: 'text' })
  currency: string;

  @Column({ name: 'start_date', type: 'date' })
  startDate: string;

  @Column({ name: 'end_date', type: 'date' })
  endDate: string;

  @Column({ name: 'reporting_frequency', type: 'text' })
  reportingFrequency: ReportingFrequency;

  @Column({ type: 'text', default: 'active' })
  status: GrantStatus;

  /** The grantee's consent: only an accepted grant links the NGO's programs and evaluations. */
  @Column({ type: 'text', default: 'offered' })
  consent: GrantConsent;

  /** Why the grantee declined (empty otherwise). */
  @Column({ name: 'decline_reason', type: 'text', default: '' })
  declineReason: string;
}

/** Which programs a grant funds (all of them the grantee's). */
@Entity({ name: 'grant_programs' })
@Index('grant_programs_program_id_idx', ['programId'])
export class GrantProgram {
  @PrimaryColumn({ name: 'grant_id', type: 'int' })
  grantId: number;

  @PrimaryColumn({ name: 'program_id', type: 'int' })
  programId: number;

  @ManyToOne(() => Grant, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'grant_id', foreignKeyConstraintName: 'grant_programs_grant_id_fkey' })
  grant?: Grant;

  @ManyToOne(() => Program, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'program_id', foreignKeyConstraintName: 'grant_programs_program_id_fkey' })
  program?: Program;
}

/** One reporting period of a grant (generated from its frequency, then editable). */
@Entity({ name: 'reporting_periods' })
@Index('reporting_periods_grant_id_idx', ['grantId', 'startDate'])
@Check('reporting_periods_dates_check', `end_date >= start_date AND due_date >= end_date`)
export class ReportingPeriod extends VersionedEntity {
  @Column({ name: 'organization_id', type: 'int' })
  organizationId: number;

  @Column({ name: 'grant_id', type: 'int' })
  grantId: number;

  @ManyToOne(() => Grant, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'grant_id', foreignKeyConstraintName: 'reporting_periods_grant_id_fkey' })
  grant?: Grant;

  @Column({ type: 'text' })
  label: string;

  @Column({ name: 'start_date', type: 'date' })
  startDate: string;

  @Column({ name: 'end_date', type: 'date' })
  endDate: string;

  @Column({ name: 'due_date', type: 'date' })
  dueDate: string;
}

/** A grant's target for one indicator in one reporting period (and disaggregation). */
@Entity({ name: 'targets' })
@Index('targets_unique', ['reportingPeriodId', 'indicatorId', 'sex', 'ageBand', 'region'], { unique: true })
@Index('targets_grant_id_idx', ['grantId'])
@Index('targets_indicator_id_idx', ['indicatorId'])
export class Target extends VersionedEntity {
  @Column({ name: 'organization_id', type: 'int' })
  organizationId: number;

  @Column({ name: 'grant_id', type: 'int' })
  grantId: number;

  @ManyToOne(() => Grant, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'grant_id', foreignKeyConstraintName: 'targets_grant_id_fkey' })
  grant?: Grant;

  @Column({ name: 'reporting_period_id', type: 'int' })
  reportingPeriodId: number;

  @ManyToOne(() => ReportingPeriod, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'reporting_period_id', foreignKeyConstraintName: 'targets_reporting_period_id_fkey' })
  reportingPeriod?: ReportingPeriod;

  @Column({ name: 'indicator_id', type: 'int' })
  indicatorId: number;

  @ManyToOne(() => Indicator, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'indicator_id', foreignKeyConstraintName: 'targets_indicator_id_fkey' })
  indicator?: Indicator;

  @Column({ type: 'text', default: 'total' })
  sex: Sex;

  @Column({ name: 'age_band', type: 'text', default: 'total' })
  ageBand: AgeBand;

  @Column({ type: 'text', default: 'total' })
  region: string;

  @Column({ name: 'baseline_value', type: 'double precision', nullable: true })
  baselineValue: number | null;

  @Column({ name: 'target_value', type: 'double precision' })
  targetValue: number;

  @Column({ name: 'actual_value', type: 'double precision', nullable: true })
  actualValue: number | null;

  @Column({ type: 'text', default: '' })
  comment: string;
}
