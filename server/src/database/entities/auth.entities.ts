import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { User } from './user.entity';
import type { TokenScope } from '../../vocabulary/roles';

/** Columns shared by every per-user secret (session, API token, set-password link). */
abstract class UserSecret {
  @PrimaryGeneratedColumn('identity', { generatedIdentity: 'ALWAYS' })
  id: number;

  @Column({ name: 'user_id', type: 'int' })
  userId: number;

  /** SHA-256 of the secret; the secret itself is never stored. */
  @Column({ name: 'secret_hash', type: 'text' })
  secretHash: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/** A browser session: the cookie holds a random secret, the table only its SHA-256. */
@Entity({ name: 'sessions' })
@Index('sessions_secret_hash_unique', ['secretHash'], { unique: true })
@Index('sessions_user_id_idx', ['userId'])
export class Session extends UserSecret {
  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'sessions_user_id_fkey' })
  user?: User;

  /** Double-submit CSRF token: the XSRF-TOKEN cookie and X-XSRF-TOKEN header must equal it. */
  @Column({ name: 'csrf_token', type: 'text' })
  csrfToken: string;

  @Column({ name: 'last_seen_at', type: 'timestamptz' })
  lastSeenAt: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;
}

/** A personal API token (`olt_…`), stored only as its SHA-256. */
@Entity({ name: 'api_tokens' })
@Index('api_tokens_secret_hash_unique', ['secretHash'], { unique: true })
@Index('api_tokens_user_id_idx', ['userId'])
@Check('api_tokens_scope_check', `scope IN ('read', 'write')`)
export class ApiToken extends UserSecret {
  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'api_tokens_user_id_fkey' })
  user?: User;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  scope: TokenScope;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  @Column({ name: 'last_used_at', type: 'timestamptz', nullable: true })
  lastUsedAt: Date | null;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;
}

/** A one-time set-password link (new users, resets): 72 h, single use, stored hashed. */
@Entity({ name: 'password_tokens' })
@Index('password_tokens_secret_hash_unique', ['secretHash'], { unique: true })
@Index('password_tokens_user_id_idx', ['userId'])
export class PasswordToken extends UserSecret {
  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'password_tokens_user_id_fkey' })
  user?: User;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  @Column({ name: 'used_at', type: 'timestamptz', nullable: true })
  usedAt: Date | null;
}

/** Failed and successful logins, for throttling (per account and per address, 15 minutes). */
@Entity({ name: 'login_attempts' })
@Index('login_attempts_email_idx', ['email', 'at'])
@Index('login_attempts_address_idx', ['address', 'at'])
export class LoginAttempt {
  @PrimaryGeneratedColumn('identity', { generatedIdentity: 'ALWAYS' })
  id: number;

  @Column({ type: 'text' })
  email: string;

  @Column({ type: 'text' })
  address: string;

  @Column({ type: 'boolean' })
  succeeded: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  at: Date;
}
