import { MigrationInterface, QueryRunner } from 'typeorm';
import { ACTOR_ROLES } from './database-roles';

/**
 * Issue 17: the grantee's coordinators may UPDATE their grants (accept or decline), and row-level
 * security can only say which rows; this trigger says which columns. Under the coordinator's
 * database role an update may change the consent, the decline reason and the bookkeeping columns,
 * nothing of the funder's terms, so a query that forgets the service's rule still cannot.
 */
const CONSENT_COLUMNS = `ARRAY['consent', 'decline_reason', 'version', 'updated_at']`;

export class GranteeChangesConsentOnly1765600000000 implements MigrationInterface {
  name = 'GranteeChangesConsentOnly1765600000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION grants_grantee_changes_consent_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF current_user = '${ACTOR_ROLES.coordinator}'
           AND (to_jsonb(NEW) - ${CONSENT_COLUMNS}) IS DISTINCT FROM (to_jsonb(OLD) - ${CONSENT_COLUMNS}) THEN
          RAISE EXCEPTION 'a grantee changes only its consent to grant %, not the funder''s terms', OLD.id
            USING ERRCODE = '42501';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER grants_grantee_changes_consent_only BEFORE UPDATE ON grants
        FOR EACH ROW EXECUTE FUNCTION grants_grantee_changes_consent_only()`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER IF EXISTS grants_grantee_changes_consent_only ON grants`);
    await q.query(`DROP FUNCTION IF EXISTS grants_grantee_changes_consent_only()`);
  }
}
