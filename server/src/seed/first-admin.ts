import { DataSource } from 'typeorm';
import { assertAcceptablePassword, hashPassword } from '../auth/passwords';
import { Organization } from '../database/entities/organization.entity';
import { User } from '../database/entities/user.entity';

export const PLATFORM_ORGANIZATION = 'Platform administration';
const FIRST_ADMIN_LOCK = 7_366_100_118;

/**
 * Creates the first administrator (ADMIN_EMAIL / ADMIN_PASSWORD, or `npm run create-admin`)
 * in a platform organization. Returns false when that email already has an account.
 */
export async function createAdmin(db: DataSource, emailRaw: string, password: string): Promise<boolean> {
  const email = emailRaw.trim().toLowerCase();
  if (!/^[^\s@]+@[^\s@]+$/.test(email)) throw new Error(`ADMIN_EMAIL "${emailRaw}" is not an email address`);
  try {
    assertAcceptablePassword(password, 'ADMIN_PASSWORD');
  } catch (err) {
    throw new Error(`ADMIN_PASSWORD ${(err as Error).message.replace(/^ADMIN_PASSWORD: /, '')}`, { cause: err });
  }
  return db.transaction(async (manager) => {
    // Instances started together each try to create the first admin: one at a time, so the
    // later ones find it (and the platform organization) instead of failing on a duplicate.
    await manager.query('SELECT pg_advisory_xact_lock($1)', [FIRST_ADMIN_LOCK]);
    const exists = await manager
      .getRepository(User)
      .createQueryBuilder('user')
      .where('lower(user.email) = :email', { email })
      .getExists();
    if (exists) return false;
    let platform = await manager.findOneBy(Organization, { kind: 'platform' });
    platform ??= await manager.save(manager.create(Organization, { name: PLATFORM_ORGANIZATION, kind: 'platform' }));
    await manager.save(
      manager.create(User, {
        email,
        displayName: 'Administrator',
        organizationId: platform.id,
        role: 'admin',
        active: true,
        passwordHash: await hashPassword(password),
        lastLoginAt: null,
      }),
    );
    return true;
  });
}

/** On start: create the configured first admin when no administrator exists yet. */
export async function ensureFirstAdmin(db: DataSource, email: string | undefined, password: string | undefined) {
  if (!email || !password) return false;
  if (await db.getRepository(User).existsBy({ role: 'admin' })) return false;
  return createAdmin(db, email, password);
}
