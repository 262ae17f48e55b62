import { MigrationInterface, QueryRunner } from 'typeorm';

/** Issue 4: grants, reporting periods, targets, evaluations (review thread, submissions), outcome measurements; audit subjects. */

export class GrantsEvaluationsOutcomes1764700000000 implements MigrationInterface {
  name = 'GrantsEvaluationsOutcomes1764700000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "grants" (
                "id" integer GENERATED ALWAYS AS IDENTITY NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "version" integer NOT NULL,
                "organization_id" integer NOT NULL,
                "funder_organization_id" integer NOT NULL,
                "reference" text NOT NULL,
                "title" text COLLATE "und-x-icu" NOT NULL,
                "amount" numeric(15, 2) NOT NULL,
                "currency" text NOT NULL,
                "start_date" date NOT NULL,
                "end_date" date NOT NULL,
                "reporting_frequency" text NOT NULL,
                "status" text NOT NULL DEFAULT 'active',
                CONSTRAINT "grants_status_check" CHECK (status IN ('active', 'closed')),
                CONSTRAINT "grants_frequency_check" CHECK (
                    reporting_frequency IN ('quarterly', 'semiannual', 'annual')
                ),
                CONSTRAINT "grants_amount_check" CHECK (amount >= 0),
                CONSTRAINT "grants_dates_check" CHECK (end_date >= start_date),
                CONSTRAINT "PK_a25f5f89eff8b3277f7969b7094" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "grants_organization_id_idx" ON "grants" ("organization_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "grants_funder_reference_unique" ON "grants" ("funder_organization_id", "reference")
        `);
    await queryRunner.query(`
            CREATE TABLE "grant_programs" (
                "grant_id" integer NOT NULL,
                "program_id" integer NOT NULL,
                CONSTRAINT "PK_00ab08bece67437896b904cb3d5" PRIMARY KEY ("grant_id", "program_id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "grant_programs_program_id_idx" ON "grant_programs" ("program_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "reporting_periods" (
                "id" integer GENERATED ALWAYS AS IDENTITY NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "version" integer NOT NULL,
                "organization_id" integer NOT NULL,
                "grant_id" integer NOT NULL,
                "label" text NOT NULL,
                "start_date" date NOT NULL,
                "end_date" date NOT NULL,
                "due_date" date NOT NULL,
                CONSTRAINT "reporting_periods_dates_check" CHECK (
                    end_date >= start_date
                    AND due_date >= end_date
                ),
                CONSTRAINT "PK_7041c039945557174b139d7739f" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "reporting_periods_grant_id_idx" ON "reporting_periods" ("grant_id", "start_date")
        `);
    await queryRunner.query(`
            CREATE TABLE "targets" (
                "id" integer GENERATED ALWAYS AS IDENTITY NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "version" integer NOT NULL,
                "organization_id" integer NOT NULL,
                "grant_id" integer NOT NULL,
                "reporting_period_id" integer NOT NULL,
                "indicator_id" integer NOT NULL,
                "sex" text NOT NULL DEFAULT 'total',
                "age_band" text NOT NULL DEFAULT 'total',
                "region" text NOT NULL DEFAULT 'total',
                "baseline_value" double precision,
                "target_value" double precision NOT NULL,
                "actual_value" double precision,
                "comment" text NOT NULL DEFAULT '',
                CONSTRAINT "PK_87084f49e9de9dd6a3e83906584" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "targets_indicator_id_idx" ON "targets" ("indicator_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "targets_grant_id_idx" ON "targets" ("grant_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "targets_unique" ON "targets" (
                "reporting_period_id",
                "indicator_id",
                "sex",
                "age_band",
                "region"
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "evaluations" (
                "id" integer GENERATED ALWAYS AS IDENTITY NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "version" integer NOT NULL,
                "organization_id" integer NOT NULL,
                "program_id" integer NOT NULL,
                "grant_id" integer,
                "title" text COLLATE "und-x-icu" NOT NULL,
                "design" text NOT NULL,
                "evaluator_type" text NOT NULL,
                "evaluator_name" text NOT NULL DEFAULT '',
                "start_date" date NOT NULL,
                "end_date" date,
                "planned_sizes" jsonb NOT NULL DEFAULT '{}',
                "achieved_sizes" jsonb NOT NULL DEFAULT '{}',
                "pre_post_correlation" double precision NOT NULL DEFAULT '0.5',
                "primary_indicator_ids" integer array NOT NULL DEFAULT '{}',
                "registered_primary_indicator_ids" integer array,
                "summary" text NOT NULL DEFAULT '',
                "limitations" text NOT NULL DEFAULT '',
                "status" text NOT NULL DEFAULT 'draft',
                "revision" integer NOT NULL DEFAULT '1',
                "previous_revision_id" integer,
                "submitted_at" TIMESTAMP WITH TIME ZONE,
                "reviewed_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "evaluations_status_check" CHECK (
                    status IN (
                        'draft',
                        'submitted',
                        'changes_requested',
                        'approved',
                        'superseded'
                    )
                ),
                CONSTRAINT "evaluations_correlation_check" CHECK (
                    pre_post_correlation BETWEEN -1 AND 1
                ),
                CONSTRAINT "evaluations_dates_check" CHECK (
                    end_date IS NULL
                    OR end_date >= start_date
                ),
                CONSTRAINT "PK_f683b433eba0e6dae7e19b29e29" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "evaluations_organization_id_idx" ON "evaluations" ("organization_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "evaluations_program_id_idx" ON "evaluations" ("program_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "evaluations_grant_id_idx" ON "evaluations" ("grant_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "evaluations_previous_revision_unique" ON "evaluations" ("previous_revision_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "evaluation_comments" (
                "id" integer GENERATED ALWAYS AS IDENTITY NOT NULL,
                "organization_id" integer NOT NULL,
                "evaluation_id" integer NOT NULL,
                "author_user_id" integer NOT NULL,
                "author_name" text NOT NULL,
                "author_role" text NOT NULL,
                "kind" text NOT NULL,
                "body" text NOT NULL DEFAULT '',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_3aad73c1a38075133b2221a80ab" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "evaluation_comments_evaluation_id_idx" ON "evaluation_comments" ("evaluation_id", "created_at")
        `);
    await queryRunner.query(`
            CREATE TABLE "evaluation_submissions" (
                "id" integer GENERATED ALWAYS AS IDENTITY NOT NULL,
                "organization_id" integer NOT NULL,
                "evaluation_id" integer NOT NULL,
                "submitted_by_user_id" integer NOT NULL,
                "submitted_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "snapshot" jsonb NOT NULL,
                CONSTRAINT "PK_7c8c425fa6b79f46bdb54c6f6a0" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "evaluation_submissions_evaluation_id_idx" ON "evaluation_submissions" ("evaluation_id", "submitted_at")
        `);
    await queryRunner.query(`
            CREATE TABLE "outcome_measurements" (
                "id" integer GENERATED ALWAYS AS IDENTITY NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "version" integer NOT NULL,
                "organization_id" integer NOT NULL,
                "evaluation_id" integer NOT NULL,
                "indicator_id" integer NOT NULL,
                "arm" text NOT NULL,
                "timepoint" text NOT NULL,
                "timepoint_label" text NOT NULL DEFAULT '',
                "measured_on" date,
                "sex" text NOT NULL DEFAULT 'total',
                "age_band" text NOT NULL DEFAULT 'total',
                "region" text NOT NULL DEFAULT 'total',
                "n" integer NOT NULL,
                "events" integer,
                "mean" double precision,
                "sd" double precision,
                "value" double precision,
                CONSTRAINT "outcome_measurements_timepoint_check" CHECK (timepoint IN ('baseline', 'post', 'follow_up')),
                CONSTRAINT "outcome_measurements_arm_check" CHECK (arm IN ('treatment', 'comparison', 'single')),
                CONSTRAINT "outcome_measurements_sd_check" CHECK (
                    sd IS NULL
                    OR sd >= 0
                ),
                CONSTRAINT "outcome_measurements_events_check" CHECK (
                    events IS NULL
                    OR (
                        events >= 0
                        AND events <= n
                    )
                ),
                CONSTRAINT "outcome_measurements_n_check" CHECK (n >= 1),
                CONSTRAINT "PK_faaa57a4ea17e9d45208094203c" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "outcome_measurements_organization_id_idx" ON "outcome_measurements" ("organization_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "outcome_measurements_indicator_id_idx" ON "outcome_measurements" ("indicator_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "outcome_measurements_unique" ON "outcome_measurements" (
                "evaluation_id",
                "indicator_id",
                "arm",
                "timepoint",
                "sex",
                "age_band",
                "region"
            )
        `);
    await queryRunner.query(`
            ALTER TABLE "audit_events"
            ADD "subject_type" text
        `);
    await queryRunner.query(`
            ALTER TABLE "audit_events"
            ADD "subject_id" text
        `);
    await queryRunner.query(`
            CREATE INDEX "audit_events_subject_idx" ON "audit_events" ("subject_type", "subject_id", "at")
        `);
    // Rows written before subjects existed are their own subject. The append-only trigger is
    // lifted for this one backfill by the migration (the table owner) and restored at once.
    await queryRunner.query(`ALTER TABLE "audit_events" DISABLE TRIGGER audit_events_no_update_delete`);
    await queryRunner.query(`UPDATE "audit_events" SET subject_type = entity_type, subject_id = entity_id`);
    await queryRunner.query(`ALTER TABLE "audit_events" ENABLE TRIGGER audit_events_no_update_delete`);
    await queryRunner.query(`
            ALTER TABLE "grants"
            ADD CONSTRAINT "grants_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "grants"
            ADD CONSTRAINT "grants_funder_organization_id_fkey" FOREIGN KEY ("funder_organization_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "grant_programs"
            ADD CONSTRAINT "grant_programs_grant_id_fkey" FOREIGN KEY ("grant_id") REFERENCES "grants"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "grant_programs"
            ADD CONSTRAINT "grant_programs_program_id_fkey" FOREIGN KEY ("program_id") REFERENCES "programs"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "reporting_periods"
            ADD CONSTRAINT "reporting_periods_grant_id_fkey" FOREIGN KEY ("grant_id") REFERENCES "grants"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "targets"
            ADD CONSTRAINT "targets_grant_id_fkey" FOREIGN KEY ("grant_id") REFERENCES "grants"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "targets"
            ADD CONSTRAINT "targets_reporting_period_id_fkey" FOREIGN KEY ("reporting_period_id") REFERENCES "reporting_periods"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "targets"
            ADD CONSTRAINT "targets_indicator_id_fkey" FOREIGN KEY ("indicator_id") REFERENCES "indicators"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "evaluations"
            ADD CONSTRAINT "evaluations_program_id_fkey" FOREIGN KEY ("program_id") REFERENCES "programs"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "evaluations"
            ADD CONSTRAINT "evaluations_grant_id_fkey" FOREIGN KEY ("grant_id") REFERENCES "grants"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "evaluations"
            ADD CONSTRAINT "evaluations_previous_revision_id_fkey" FOREIGN KEY ("previous_revision_id") REFERENCES "evaluations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "evaluation_comments"
            ADD CONSTRAINT "evaluation_comments_evaluation_id_fkey" FOREIGN KEY ("evaluation_id") REFERENCES "evaluations"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "evaluation_submissions"
            ADD CONSTRAINT "evaluation_submissions_evaluation_id_fkey" FOREIGN KEY ("evaluation_id") REFERENCES "evaluations"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "outcome_measurements"
            ADD CONSTRAINT "outcome_measurements_evaluation_id_fkey" FOREIGN KEY ("evaluation_id") REFERENCES "evaluations"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "outcome_measurements"
            ADD CONSTRAINT "outcome_measurements_indicator_id_fkey" FOREIGN KEY ("indicator_id") REFERENCES "indicators"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "outcome_measurements" DROP CONSTRAINT "outcome_measurements_indicator_id_fkey"
        `);
    await queryRunner.query(`
            ALTER TABLE "outcome_measurements" DROP CONSTRAINT "outcome_measurements_evaluation_id_fkey"
        `);
    await queryRunner.query(`
            ALTER TABLE "evaluation_submissions" DROP CONSTRAINT "evaluation_submissions_evaluation_id_fkey"
        `);
    await queryRunner.query(`
            ALTER TABLE "evaluation_comments" DROP CONSTRAINT "evaluation_comments_evaluation_id_fkey"
        `);
    await queryRunner.query(`
            ALTER TABLE "evaluations" DROP CONSTRAINT "evaluations_previous_revision_id_fkey"
        `);
    await queryRunner.query(`
            ALTER TABLE "evaluations" DROP CONSTRAINT "evaluations_grant_id_fkey"
        `);
    await queryRunner.query(`
            ALTER TABLE "evaluations" DROP CONSTRAINT "evaluations_program_id_fkey"
        `);
    await queryRunner.query(`
            ALTER TABLE "targets" DROP CONSTRAINT "targets_indicator_id_fkey"
        `);
    await queryRunner.query(`
            ALTER TABLE "targets" DROP CONSTRAINT "targets_reporting_period_id_fkey"
        `);
    await queryRunner.query(`
            ALTER TABLE "targets" DROP CONSTRAINT "targets_grant_id_fkey"
        `);
    await queryRunner.query(`
            ALTER TABLE "reporting_periods" DROP CONSTRAINT "reporting_periods_grant_id_fkey"
        `);
    await queryRunner.query(`
            ALTER TABLE "grant_programs" DROP CONSTRAINT "grant_programs_program_id_fkey"
        `);
    await queryRunner.query(`
            ALTER TABLE "grant_programs" DROP CONSTRAINT "grant_programs_grant_id_fkey"
        `);
    await queryRunner.query(`
            ALTER TABLE "grants" DROP CONSTRAINT "grants_funder_organization_id_fkey"
        `);
    await queryRunner.query(`
            ALTER TABLE "grants" DROP CONSTRAINT "grants_organization_id_fkey"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."audit_events_subject_idx"
        `);
    await queryRunner.query(`
            ALTER TABLE "audit_events" DROP COLUMN "subject_id"
        `);
    await queryRunner.query(`
            ALTER TABLE "audit_events" DROP COLUMN "subject_type"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."outcome_measurements_unique"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."outcome_measurements_indicator_id_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."outcome_measurements_organization_id_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "outcome_measurements"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."evaluation_submissions_evaluation_id_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "evaluation_submissions"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."evaluation_comments_evaluation_id_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "evaluation_comments"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."evaluations_previous_revision_unique"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."evaluations_grant_id_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."evaluations_program_id_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."evaluations_organization_id_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "evaluations"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."targets_unique"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."targets_grant_id_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."targets_indicator_id_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "targets"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."reporting_periods_grant_id_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "reporting_periods"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."grant_programs_program_id_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "grant_programs"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."grants_funder_reference_unique"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."grants_organization_id_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "grants"
        `);
  }
}
