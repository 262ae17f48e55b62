import { MigrationInterface, QueryRunner } from 'typeorm';
import { ACTOR_ROLES } from './database-roles';

/**
 * Issue 17: grants by consent (PRODUCT.md, hard rule 3). A funder's grant is `offered` until the
 * grantee NGO accepts it (choosing its programs) or declines it; grants that exist already were
 * set up by both sides, so they become `accepted`.
 *
 * The funder policies of RowLevelSecurity1765200000000 that reach an NGO's rows through a grant
 * are replaced (same names, so that migration's `down` still drops them) by ones that require the
 * grant to be accepted. Funders no longer write `grant_programs` (the grantee chooses the
 * programs), and the grantee's coordinators may now update their grants (the service lets them
 * change only the consent and the programs) and link or unlink their own programs.
 */
const { coordinator, funder } = ACTOR_ROLES;
const ORG = `(SELECT app_actor_org())`;
const FUNDS_ACCEPTED_GRANT = (grantColumn: string) =>
  `EXISTS (SELECT 1 FROM grants g WHERE g.id = ${grantColumn} AND g.funder_organization_id = ${ORG}
            AND g.consent = 'accepted')`;

/** [policy, table, command, roles, condition]: the replaced policies, new conditions. */
const REPLACED: [string, string, 'SELECT' | 'ALL', string, string][] = [
  [
    'programs_2',
    'programs',
    'SELECT',
    funder,
    `EXISTS (SELECT 1 FROM grant_programs gp JOIN grants g ON g.id = gp.grant_id
              WHERE gp.program_id = programs.id AND g.funder_organization_id = ${ORG} AND g.consent = 'accepted')`,
  ],
  ['grant_programs_2', 'grant_programs', 'SELECT', funder, FUNDS_ACCEPTED_GRANT('grant_programs.grant_id')],
  ['targets_2', 'targets', 'ALL', funder, FUNDS_ACCEPTED_GRANT('targets.grant_id')],
  [
    'evaluations_2',
    'evaluations',
    'ALL',
    funder,
    `status <> 'draft' AND ${FUNDS_ACCEPTED_GRANT('evaluations.grant_id')}`,
  ],
];

/** The policies they replace (RowLevelSecurity1765200000000), for `down`. */
const ORIGINAL: [string, string, 'SELECT' | 'ALL', string, string][] = [
  [
    'programs_2',
    'programs',
    'SELECT',
    funder,
    `EXISTS (SELECT 1 FROM grant_programs gp JOIN grants g ON g.id = gp.grant_id
              WHERE gp.program_id = programs.id AND g.funder_organization_id = ${ORG})`,
  ],
  [
    'grant_programs_2',
    'grant_programs',
    'ALL',
    funder,
    `EXISTS (SELECT 1 FROM grants g WHERE g.id = grant_programs.grant_id AND g.funder_organization_id = ${ORG})`,
  ],
  [
    'targets_2',
    'targets',
    'ALL',
    funder,
    `EXISTS (SELECT 1 FROM grants g WHERE g.id = targets.grant_id AND g.funder_organization_id = ${ORG})`,
  ],
  [
    'evaluations_2',
    'evaluations',
    'ALL',
    funder,
    `status <> 'draft' AND EXISTS (SELECT 1 FROM grants g WHERE g.id = evaluations.grant_id AND g.funder_organization_id = ${ORG})`,
  ],
];

async function createPolicies(q: QueryRunner, policies: typeof REPLACED): Promise<void> {
  for (const [name, table, command, role, condition] of policies) {
    await q.query(`DROP POLICY IF EXISTS ${name} ON ${table}`);
    const check = command === 'ALL' ? ` WITH CHECK (${condition})` : '';
    await q.query(`CREATE POLICY ${name} ON ${table} FOR ${command} TO ${role} USING (${condition})${check}`);
  }
}

export class GrantConsent1765400000000 implements MigrationInterface {
  name = 'GrantConsent1765400000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "grants" ADD "consent" text NOT NULL DEFAULT 'offered'`);
    await q.query(`ALTER TABLE "grants" ADD "decline_reason" text NOT NULL DEFAULT ''`);
    await q.query(`UPDATE "grants" SET "consent" = 'accepted'`);
    await q.query(
      `ALTER TABLE "grants" ADD CONSTRAINT "grants_consent_check" CHECK (consent IN ('offered', 'accepted', 'declined'))`,
    );
    await createPolicies(q, REPLACED);
    await q.query(
      `CREATE POLICY grants_consent ON grants FOR UPDATE TO ${coordinator}
         USING (organization_id = ${ORG}) WITH CHECK (organization_id = ${ORG})`,
    );
    const grantee = `EXISTS (SELECT 1 FROM grants g WHERE g.id = grant_programs.grant_id AND g.organization_id = ${ORG})
         AND EXISTS (SELECT 1 FROM programs p WHERE p.id = grant_programs.program_id AND p.organization_id = ${ORG})`;
    await q.query(
      `CREATE POLICY grant_programs_grantee ON grant_programs FOR ALL TO ${coordinator}
         USING (${grantee}) WITH CHECK (${grantee})`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP POLICY IF EXISTS grant_programs_grantee ON grant_programs`);
    await q.query(`DROP POLICY IF EXISTS grants_consent ON grants`);
    await createPolicies(q, ORIGINAL);
    await q.query(`ALTER TABLE "grants" DROP CONSTRAINT "grants_consent_check"`);
    await q.query(`ALTER TABLE "grants" DROP COLUMN "decline_reason"`);
    await q.query(`ALTER TABLE "grants" DROP COLUMN "consent"`);
  }
}
