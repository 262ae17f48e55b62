import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull, MoreThan } from 'typeorm';
import { NotFoundError } from '../common/errors';
import { User } from '../database/entities/user.entity';
import { API_TOKEN_PREFIX, type TokenScope } from '../vocabulary/roles';
import { ApiToken, Session } from '../database/entities/auth.entities';
import { hashSecret, newSecret } from './secrets';

export const SESSION_IDLE_MS = 8 * 60 * 60 * 1000;
export const SESSION_ABSOLUTE_MS = 7 * 24 * 60 * 60 * 1000;
/** last_seen_at is written at most this often, so reads do not all become writes. */
const TOUCH_EVERY_MS = 60 * 1000;

export type Resolved<T> = { ok: true; row: T; user: User } | { ok: false; reason: string };

/** Server-side sessions and personal API tokens: create, resolve, revoke. */
@Injectable()
export class CredentialsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async createSession(userId: number): Promise<{ secret: string; session: Session }> {
    const secret = newSecret();
    const now = new Date();
    const session = await this.db.getRepository(Session).save({
      secretHash: hashSecret(secret),
      userId,
      csrfToken: newSecret(),
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + SESSION_ABSOLUTE_MS),
      revokedAt: null,
    });
    return { secret, session };
  }

  async resolveSession(secret: string): Promise<Resolved<Session>> {
    // One query: findOne with a relation would add TypeORM's DISTINCT pre-query (take 1 + join).
    const session = await this.db
      .getRepository(Session)
      .createQueryBuilder('session')
      .innerJoinAndSelect('session.user', 'user')
      .where('session.secretHash = :hash', { hash: hashSecret(secret) })
      .getOne();
    const now = Date.now();
    if (!session?.user) return { ok: false, reason: 'The session is not valid; log in again' };
    if (session.revokedAt) return { ok: false, reason: 'The session has ended; log in again' };
    if (session.expiresAt.getTime() <= now || session.lastSeenAt.getTime() + SESSION_IDLE_MS <= now) {
      return { ok: false, reason: 'The session has expired; log in again' };
    }
    if (!session.user.active) return { ok: false, reason: 'This account is deactivated' };
    if (now - session.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
      await this.db.getRepository(Session).update({ id: session.id }, { lastSeenAt: new Date(now) });
    }
    return { ok: true, row: session, user: session.user };
  }

  async revokeSession(id: number): Promise<void> {
    await this.db.getRepository(Session).update({ id, revokedAt: IsNull() }, { revokedAt: new Date() });
  }

  /** Ends every open session of the user; the number ended. */
  async revokeAllSessions(userId: number, manager: EntityManager = this.db.manager): Promise<number> {
    const result = await manager
      .getRepository(Session)
      .update({ userId, revokedAt: IsNull() }, { revokedAt: new Date() });
    return result.affected ?? 0;
  }

  /** Ends every session and revokes every live API token of the user (a password change). */
  async revokeAllCredentials(
    userId: number,
    manager: EntityManager,
  ): Promise<{ sessionsEnded: number; tokensRevoked: number }> {
    const sessionsEnded = await this.revokeAllSessions(userId, manager);
    const tokens = await manager
      .getRepository(ApiToken)
      .update({ userId, revokedAt: IsNull(), expiresAt: MoreThan(new Date()) }, { revokedAt: new Date() });
    return { sessionsEnded, tokensRevoked: tokens.affected ?? 0 };
  }

  async createToken(
    userId: number,
    input: { name: string; scope: TokenScope; expiresAt: Date },
  ): Promise<{ token: string; row: ApiToken }> {
    const token = `${API_TOKEN_PREFIX}${newSecret()}`;
    const row = await this.db.getRepository(ApiToken).save({
      userId,
      name: input.name,
      scope: input.scope,
      secretHash: hashSecret(token),
      expiresAt: input.expiresAt,
      lastUsedAt: null,
      revokedAt: null,
    });
    return { token, row };
  }

  async resolveToken(token: string): Promise<Resolved<ApiToken>> {
    if (!token.startsWith(API_TOKEN_PREFIX)) return { ok: false, reason: 'The API token is not valid' };
    const row = await this.db
      .getRepository(ApiToken)
      .createQueryBuilder('token')
      .innerJoinAndSelect('token.user', 'user')
      .where('token.secretHash = :hash', { hash: hashSecret(token) })
      .getOne();
    if (!row?.user) return { ok: false, reason: 'The API token is not valid' };
    if (row.revokedAt) return { ok: false, reason: 'The API token has been revoked' };
    if (row.expiresAt.getTime() <= Date.now()) return { ok: false, reason: 'The API token has expired' };
    if (!row.user.active) return { ok: false, reason: 'This account is deactivated' };
    if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > TOUCH_EVERY_MS) {
      await this.db.getRepository(ApiToken).update({ id: row.id }, { lastUsedAt: new Date() });
    }
    return { ok: true, row, user: row.user };
  }

  listTokens(userId: number): Promise<ApiToken[]> {
    return this.db.getRepository(ApiToken).find({ where: { userId }, order: { createdAt: 'DESC', id: 'DESC' } });
  }

  /** Revokes one of the user's own tokens; another user's token answers 404 like a missing one. */
  async revokeToken(userId: number, id: number): Promise<ApiToken> {
    const repository = this.db.getRepository(ApiToken);
    const row = await repository.findOneBy({ id, userId });
    if (!row) throw new NotFoundError('API token', id);
    if (!row.revokedAt) {
      row.revokedAt = new Date();
      await repository.save(row);
    }
    return row;
  }
}
