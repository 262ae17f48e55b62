import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { VersionedEntity } from '../../common/versioned';
import { Organization } from './organization.entity';
import type { Role } from '../../vocabulary/roles';

@Entity({ name: 'users' })
// Unique on lower(email), created by the migration.
@Index('users_email_unique', { synchronize: false })
@Check('users_role_check', `role IN ('admin', 'coordinator', 'funder', 'researcher')`)
export class User extends VersionedEntity {
  @Column({ type: 'text' })
  email: string;

  @Column({ name: 'display_name', type: 'text' })
  displayName: string;

  @Index('users_organization_id_idx')
  @Column({ name: 'organization_id', type: 'int' })
  organizationId: number;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organization_id', foreignKeyConstraintName: 'users_organization_id_fkey' })
  organization?: Organization;

  @Column({ type: 'text' })
  role: Role;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  /** argon2id hash; null until the user sets a password through their one-time link. */
  @Column({ name: 'password_hash', type: 'text', nullable: true })
  passwordHash: string | null;

  @Column({ name: 'last_login_at', type: 'timestamptz', nullable: true })
  lastLoginAt: Date | null;
}
