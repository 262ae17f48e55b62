import { EntityManager, EntityTarget, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { ConflictError, NotFoundError, ValidationFailedError } from './errors';
import { READ_ONLY_FIELDS } from './versioned';

interface Versioned extends ObjectLiteral {
  id: number;
  version: number;
}

interface UpdateRequest {
  version: number;
  id?: unknown;
  createdAt?: unknown;
  updatedAt?: unknown;
}

/**
 * Loads a row for update (locked), refuses a stale `version` with 409, and returns the row
 * plus the changes with read-only echo fields removed. One rule for every versioned resource.
 */
export async function lockForUpdate<E extends Versioned, D extends UpdateRequest>(
  manager: EntityManager,
  target: EntityTarget<E>,
  resource: string,
  id: number,
  dto: D,
  /** Row scoping (AccessPolicy) applied to the locking query: a row out of scope is a 404. */
  scope: (qb: SelectQueryBuilder<E>, alias: string) => SelectQueryBuilder<E> = (qb) => qb,
): Promise<{ row: E; changes: Omit<D, 'version' | 'id' | 'createdAt' | 'updatedAt'> }> {
  const { version, id: bodyId, ...rest } = dto;
  const readOnly = new Set<string>(
    (dto as { [READ_ONLY_FIELDS]?: string[] })[READ_ONLY_FIELDS] ?? ['createdAt', 'updatedAt'],
  );
  const changes = Object.fromEntries(
    Object.entries(rest).filter(([key, value]) => !readOnly.has(key) && value !== undefined),
  ) as Omit<D, 'version' | 'id' | 'createdAt' | 'updatedAt'>;
  if (bodyId !== undefined && bodyId !== null && Number(bodyId) !== id) {
    throw ValidationFailedError.forField('id', `does not match the id in the path (${id})`);
  }
  const qb = manager.getRepository(target).createQueryBuilder('row').setLock('pessimistic_write', undefined, ['row']);
  const row = await scope(qb, 'row').andWhere('row.id = :id', { id }).getOne();
  if (!row) throw new NotFoundError(resource, id);
  if (row.version !== version) {
    throw new ConflictError(
      `${resource} ${id} was changed by someone else (your version ${version}, current ${row.version}); reload and try again`,
    ).withCode('stale_version');
  }
  return { row, changes };
}
