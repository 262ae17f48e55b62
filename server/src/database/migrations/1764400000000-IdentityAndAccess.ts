import { MigrationInterface, QueryRunner } from 'typeorm';

/** Users, browser sessions, API tokens, set-password links and login attempts (issue 3). */

export class IdentityAndAccess1764400000000 implements MigrationInterface {
  name = 'IdentityAndAccess1764400000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "users" (
                "id" integer GENERATED ALWAYS AS IDENTITY NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "version" integer NOT NULL,
                "email" text NOT NULL,
                "display_name" text NOT NULL,
                "organization_id" integer NOT NULL,
                "role" text NOT NULL,
                "active" boolean NOT NULL DEFAULT true,
                "password_hash" text,
                "last_login_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "users_role_check" CHECK (
                    role IN ('admin', 'coordinator', 'funder', 'researcher')
                ),
                CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "users_organization_id_idx" ON "users" ("organization_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "users_email_unique" ON "users" (lower("email"))
        `);
    await queryRunner.query(`
            CREATE TABLE "sessions" (
                "id" integer GENERATED ALWAYS AS IDENTITY NOT NULL,
                "secret_hash" text NOT NULL,
                "user_id" integer NOT NULL,
                "csrf_token" text NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "last_seen_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "revoked_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_3238ef96f18b355b671619111bc" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "sessions_secret_hash_unique" ON "sessions" ("secret_hash")
        `);
    await queryRunner.query(`
            CREATE INDEX "sessions_user_id_idx" ON "sessions" ("user_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "api_tokens" (
                "id" integer GENERATED ALWAYS AS IDENTITY NOT NULL,
                "user_id" integer NOT NULL,
                "name" text NOT NULL,
                "scope" text NOT NULL,
                "secret_hash" text NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "last_used_at" TIMESTAMP WITH TIME ZONE,
                "revoked_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "api_tokens_scope_check" CHECK (scope IN ('read', 'write')),
                CONSTRAINT "PK_c587455266b5fa8dace7194caac" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "api_tokens_user_id_idx" ON "api_tokens" ("user_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "api_tokens_secret_hash_unique" ON "api_tokens" ("secret_hash")
        `);
    await queryRunner.query(`
            CREATE TABLE "password_tokens" (
                "id" integer GENERATED ALWAYS AS IDENTITY NOT NULL,
                "user_id" integer NOT NULL,
                "secret_hash" text NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "used_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_816120c39410c02dabd34b8672b" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "password_tokens_user_id_idx" ON "password_tokens" ("user_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "password_tokens_secret_hash_unique" ON "password_tokens" ("secret_hash")
        `);
    await queryRunner.query(`
            CREATE TABLE "login_attempts" (
                "id" integer GENERATED ALWAYS AS IDENTITY NOT NULL,
                "email" text NOT NULL,
                "address" text NOT NULL,
                "succeeded" boolean NOT NULL,
                "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_070e613c8f768b1a70742705c5b" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "login_attempts_address_idx" ON "login_attempts" ("address", "at")
        `);
    await queryRunner.query(`
            CREATE INDEX "login_attempts_email_idx" ON "login_attempts" ("email", "at")
        `);
    await queryRunner.query(`
            ALTER TABLE "users"
            ADD CONSTRAINT "users_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "sessions"
            ADD CONSTRAINT "sessions_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "api_tokens"
            ADD CONSTRAINT "api_tokens_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "password_tokens"
            ADD CONSTRAINT "password_tokens_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "password_tokens" DROP CONSTRAINT "password_tokens_user_id_fkey"
        `);
    await queryRunner.query(`
            ALTER TABLE "api_tokens" DROP CONSTRAINT "api_tokens_user_id_fkey"
        `);
    await queryRunner.query(`
            ALTER TABLE "sessions" DROP CONSTRAINT "sessions_user_id_fkey"
        `);
    await queryRunner.query(`
            ALTER TABLE "users" DROP CONSTRAINT "users_organization_id_fkey"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."login_attempts_email_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."login_attempts_address_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "login_attempts"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."password_tokens_secret_hash_unique"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."password_tokens_user_id_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "password_tokens"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."api_tokens_secret_hash_unique"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."api_tokens_user_id_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "api_tokens"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."sessions_user_id_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."sessions_secret_hash_unique"
        `);
    await queryRunner.query(`
            DROP TABLE "sessions"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."users_organization_id_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "users"
        `);
  }
}
