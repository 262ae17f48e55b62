import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull, MoreThan } from 'typeorm';
import type { Actor } from '../access/actor';
import { TooManyRequestsError, UnauthorizedError, ValidationFailedError } from '../common/errors';
import { Organization } from '../database/entities/organization.entity';
import { User } from '../database/entities/user.entity';
import { ROLE_PERMISSIONS } from '../vocabulary/roles';
import { LoginAttempt, PasswordToken } from '../database/entities/auth.entities';
import { CredentialsService } from './credentials.service';
import { ChangePasswordDto, MeResponse, PasswordChangedResponse } from './dto/auth.dto';
import { assertAcceptablePassword, decoyHash, hashPassword, verifyPassword } from './passwords';
import { hashSecret, newSecret } from './secrets';
import { recordAudit } from '../audit/audit-log';

export const THROTTLE_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_ADDRESS = 20;
export const PASSWORD_LINK_MS = 72 * 60 * 60 * 1000;
const LOGIN_FAILED = 'The email or password is not correct';

export async function toMe(db: DataSource, user: User): Promise<MeResponse> {
  const organization = await db.getRepository(Organization).findOneBy({ id: user.organizationId });
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    role: user.role,
    organizationId: user.organizationId,
    organizationName: organization?.name ?? '',
    permissions: [...ROLE_PERMISSIONS[user.role]],
  };
}

@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly credentials: CredentialsService,
  ) {}

  /** Refuses when the account or the address has more than its share of recent failures. */
  private async assertNotThrottled(email: string, address: string): Promise<void> {
    const since = new Date(Date.now() - THROTTLE_WINDOW_MS);
    const attempts = this.db.getRepository(LoginAttempt);
    for (const [where, limit] of [
      [{ email, succeeded: false, at: MoreThan(since) }, MAX_FAILURES_PER_ACCOUNT],
      [{ address, succeeded: false, at: MoreThan(since) }, MAX_FAILURES_PER_ADDRESS],
    ] as const) {
      const failures = await attempts.find({ where, order: { at: 'ASC' }, take: limit + 1, select: { at: true } });
      if (failures.length > limit) {
        const retryAfter = Math.max(1, Math.ceil((failures[0].at.getTime() + THROTTLE_WINDOW_MS - Date.now()) / 1000));
        throw new TooManyRequestsError(
          `Too many wrong passwords; try again in ${Math.ceil(retryAfter / 60)} minute(s)`,
          retryAfter,
        );
      }
    }
  }

  /**
   * One throttled guess at an account's password (logins and password changes share the budget:
   * both guess the same password). The attempt is recorded as a failure before `verify` runs, so
   * guesses sent in parallel count against each other (checking first and recording after let a
   * burst through); a refused guess leaves no row, so waiting out the window works.
   */
  private async guessPassword(email: string, address: string, verify: () => Promise<boolean>): Promise<boolean> {
    const attempts = this.db.getRepository(LoginAttempt);
    const { identifiers } = await attempts.insert({ email, address, succeeded: false });
    const id = (identifiers[0] as { id: number }).id;
    try {
      await this.assertNotThrottled(email, address);
    } catch (error) {
      await attempts.delete({ id });
      throw error;
    }
    const succeeded = await verify();
    if (succeeded) await attempts.update({ id }, { succeeded });
    return succeeded;
  }

  /** Same answer and the same argon2 work for an unknown email as for a wrong password. */
  async login(
    emailRaw: string,
    password: string,
    address: string,
    requestId?: string,
  ): Promise<{ me: MeResponse; secret: string; csrf: string }> {
    const email = emailRaw.trim().toLowerCase();
    const user = await this.db
      .getRepository(User)
      .createQueryBuilder('user')
      .where('lower(user.email) = :email', { email })
      .getOne();
    const succeeded = await this.guessPassword(email, address, async () => {
      const valid = await verifyPassword(user?.passwordHash ?? (await decoyHash()), password);
      return Boolean(user && user.passwordHash && user.active && valid);
    });
    if (!succeeded || !user) throw new UnauthorizedError(LOGIN_FAILED);
    await this.db.getRepository(User).update({ id: user.id }, { lastLoginAt: new Date() });
    const { secret, session } = await this.credentials.createSession(user.id);
    await recordAudit(
      this.db.manager,
      { userId: user.id, organizationId: user.organizationId, requestId },
      {
        action: 'login',
        entityType: 'session',
        entityId: session.id,
      },
    );
    return { me: await toMe(this.db, user), secret, csrf: session.csrfToken };
  }

  async me(actor: Actor): Promise<MeResponse> {
    const user = await this.db.getRepository(User).findOneByOrFail({ id: actor.userId });
    return toMe(this.db, user);
  }

  /**
   * Changes the actor's own password (the current one required, throttled like logins). A password
   * is changed when the account may be compromised, so every session ends and every API token is
   * revoked, in the transaction that changes it and writes the audit row.
   */
  async changePassword(
    actor: Actor,
    { currentPassword, newPassword }: ChangePasswordDto,
    address: string,
  ): Promise<PasswordChangedResponse> {
    const user = await this.db.getRepository(User).findOneByOrFail({ id: actor.userId });
    const valid = await this.guessPassword(
      user.email.toLowerCase(),
      address,
      async () => Boolean(user.passwordHash) && (await verifyPassword(user.passwordHash ?? '', currentPassword)),
    );
    if (!valid) throw ValidationFailedError.forField('currentPassword', 'is not correct');
    assertAcceptablePassword(newPassword, 'newPassword');
    return this.db.transaction(async (manager) => {
      await manager.getRepository(User).update({ id: user.id }, { passwordHash: await hashPassword(newPassword) });
      const ended = await this.credentials.revokeAllCredentials(user.id, manager);
      await recordAudit(manager, actor, {
        action: 'password_change',
        entityType: 'user',
        entityId: user.id,
        after: ended,
      });
      return ended;
    });
  }

  /** A one-time link to set a password (new user or reset), valid 72 h; only its hash is kept. */
  async issuePasswordLink(userId: number): Promise<string> {
    const secret = newSecret();
    await this.db.getRepository(PasswordToken).insert({
      userId,
      secretHash: hashSecret(secret),
      expiresAt: new Date(Date.now() + PASSWORD_LINK_MS),
      usedAt: null,
    });
    return `/#/set-password?token=${secret}`;
  }

  /**
   * Uses a set-password link: single use, unexpired. Setting a password is what a reset after a
   * leak does, so, as on a change, every session ends and every API token is revoked, the user's
   * other unused links stop working, and the audit trail records it — all in one transaction.
   */
  async setPassword(token: string, password: string): Promise<void> {
    assertAcceptablePassword(password);
    await this.db.transaction(async (manager) => {
      const links = manager.getRepository(PasswordToken);
      const row = await links.findOne({
        where: { secretHash: hashSecret(token), usedAt: IsNull(), expiresAt: MoreThan(new Date()) },
        lock: { mode: 'pessimistic_write' },
      });
      // One answer for unknown, used and expired links: nothing to learn from it.
      if (!row)
        throw ValidationFailedError.forField('token', 'this link is not valid or has expired; ask for a new one');
      await links.update({ userId: row.userId, usedAt: IsNull() }, { usedAt: new Date() });
      const user = await manager.getRepository(User).findOneByOrFail({ id: row.userId });
      await manager.getRepository(User).update({ id: user.id }, { passwordHash: await hashPassword(password) });
      const ended = await this.credentials.revokeAllCredentials(user.id, manager);
      await recordAudit(
        manager,
        { userId: user.id, organizationId: user.organizationId, requestId: undefined },
        { action: 'password_set', entityType: 'user', entityId: user.id, after: ended },
      );
    });
  }
}
