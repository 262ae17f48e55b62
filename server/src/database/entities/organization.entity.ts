import { VersionedEntity } from '../../common/versioned';
import { Check, Column, Entity, Index } from 'typeorm';
import type { OrganizationKind } from '../../vocabulary/organizations';

@Entity({ name: 'organizations' })
// Unique on lower(name), created by the migration; TypeORM must not manage it.
@Index('organizations_name_unique', { synchronize: false })
@Check('organizations_kind_check', `kind IN ('ngo', 'funder', 'research', 'platform')`)
export class Organization extends VersionedEntity {
  @Column({ type: 'text', collation: 'und-x-icu' })
  name: string;

  @Column({ type: 'text' })
  kind: OrganizationKind;

  @Column({ type: 'char', length: 2, nullable: true })
  country: string | null;

  @Column({ type: 'text', nullable: true })
  website: string | null;
}
