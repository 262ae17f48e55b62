import { MigrationInterface, QueryRunner } from 'typeorm';

/** Issue 6: background jobs (imports) and their uploaded files; the queue itself is pg-boss (schema pgboss). */

export class Jobs1764900000000 implements MigrationInterface {
  name = 'Jobs1764900000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "jobs" (
                "id" uuid NOT NULL,
                "organization_id" integer,
                "actor_user_id" integer NOT NULL,
                "kind" text NOT NULL,
                "subject_type" text NOT NULL,
                "subject_id" integer NOT NULL,
                "state" text NOT NULL DEFAULT 'queued',
                "progress" integer NOT NULL DEFAULT '0',
                "processed_rows" integer NOT NULL DEFAULT '0',
                "total_rows" integer,
                "options" jsonb NOT NULL,
                "idempotency_key" text,
                "request_hash" text NOT NULL,
                "result" jsonb,
                "errors" jsonb NOT NULL DEFAULT '[]',
                "error_count" integer NOT NULL DEFAULT '0',
                "request_id" text,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "started_at" TIMESTAMP WITH TIME ZONE,
                "finished_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_cf0a6c42b72fcc7f7c237def345" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "jobs_idempotency_unique" ON "jobs" ("actor_user_id", "idempotency_key")
        `);
    await queryRunner.query(`
            CREATE TABLE "job_files" (
                "job_id" uuid NOT NULL,
                "seq" integer NOT NULL,
                "data" bytea NOT NULL,
                CONSTRAINT "PK_95b0beec4ed6ab89453f5033d6b" PRIMARY KEY ("job_id", "seq")
            )
        `);
    await queryRunner.query(`
            ALTER TABLE "job_files"
            ADD CONSTRAINT "job_files_job_id_fkey" FOREIGN KEY ("job_id") REFERENCES "jobs"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "job_files" DROP CONSTRAINT "job_files_job_id_fkey"
        `);
    await queryRunner.query(`
            DROP TABLE "job_files"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."jobs_idempotency_unique"
        `);
    await queryRunner.query(`
            DROP TABLE "jobs"
        `);
  }
}
