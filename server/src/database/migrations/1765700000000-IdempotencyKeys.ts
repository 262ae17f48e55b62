import { MigrationInterface, QueryRunner } from 'typeorm';
import { ACTOR_ROLES, APP_ROLE } from './database-roles';

/**
 * Issue 18: `Idempotency-Key` on every create and workflow action (idempotency/). One row per
 * user and key, claimed in the transaction that applies the request (so "applied" and "key
 * recorded" commit together), then given the answer to replay. Keys live 24 hours.
 *
 * Row-level security: a signed-in user (any role, admins included) sees and writes only its own
 * keys (`app.actor_user`); `system` sees only expired rows, which it may delete (the hourly sweep).
 */
const { admin, system, coordinator, funder, researcher } = ACTOR_ROLES;
const OWN = `user_id = (SELECT app_actor_user())`;

export class IdempotencyKeys1765700000000 implements MigrationInterface {
  name = 'IdempotencyKeys1765700000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "idempotency_keys" (
        "user_id" integer NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE,
        "key" varchar(255) NOT NULL,
        "method" varchar(10) NOT NULL,
        "path" text NOT NULL,
        "request_hash" char(64) NOT NULL,
        "response_status" smallint,
        "response_body" jsonb,
        "response_headers" jsonb NOT NULL DEFAULT '{}',
        "answer_withheld" boolean NOT NULL DEFAULT false,
        "created_at" timestamptz NOT NULL DEFAULT clock_timestamp(),
        "answered_at" timestamptz,
        CONSTRAINT "idempotency_keys_pkey" PRIMARY KEY ("user_id", "key")
      )`);
    await q.query(`CREATE INDEX "idempotency_keys_created_at" ON "idempotency_keys" ("created_at")`);
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON idempotency_keys TO ${APP_ROLE}`);
    await q.query(`ALTER TABLE idempotency_keys ENABLE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE idempotency_keys FORCE ROW LEVEL SECURITY`);
    await q.query(
      `CREATE POLICY idempotency_keys_own ON idempotency_keys FOR ALL TO ${[admin, coordinator, funder, researcher].join(', ')}
         USING (${OWN}) WITH CHECK (${OWN})`,
    );
    await q.query(
      `CREATE POLICY idempotency_keys_expired ON idempotency_keys FOR ALL TO ${system}
         USING (created_at < now() - interval '24 hours')`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "idempotency_keys"`);
  }
}
