import { VersionedEntity } from '../../common/versioned';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { Organization } from './organization.entity';
import type { ProgramStatus, Setting, Strategy, TargetPopulation } from '../../vocabulary/programs';

@Entity({ name: 'programs' })
// GIN index for the country filter, created by the migration.
@Index('programs_countries_idx', { synchronize: false })
@Check('programs_dates_check', `end_date IS NULL OR end_date >= start_date`)
// The list's default order, alone and within an NGO or a strategy (docs/performance.md, B4).
@Index('programs_name_idx', ['name', 'id'])
@Index('programs_organization_id_idx', ['organizationId', 'name', 'id'])
@Index('programs_strategy_idx', ['strategy', 'name', 'id'])
export class Program extends VersionedEntity {
  /** The owning NGO: the tenant key for access scoping. */
  @Column({ name: 'organization_id', type: 'int' })
  organizationId: number;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organization_id', foreignKeyConstraintName: 'programs_organization_id_fkey' })
  organization?: Organization;

  @Column({ type: 'text', collation: 'und-x-icu' })
  name: string;

  @Column({ type: 'text', default: '' })
  summary: string;

  @Column({ type: 'text' })
  strategy: Strategy;

  @Column({ name: 'target_populations', type: 'text', array: true, default: () => "'{}'" })
  targetPopulations: TargetPopulation[];

  @Column({ type: 'text' })
  setting: Setting;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  countries: string[];

  @Column({ name: 'start_date', type: 'date' })
  startDate: string;

  @Column({ name: 'end_date', type: 'date', nullable: true })
  endDate: string | null;

  @Column({ type: 'text', default: 'planned' })
  status: ProgramStatus;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  inputs: string[];

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  activities: string[];

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  outputs: string[];

  @Column({ name: 'intended_outcomes', type: 'text', array: true, default: () => "'{}'" })
  intendedOutcomes: string[];
}
