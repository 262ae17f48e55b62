import { MigrationInterface, QueryRunner } from 'typeorm';

/** Issue 5: the reviewer's confirmed or overridden evidence rating, one row per evaluation. */

export class EvaluationRatings1764800000000 implements MigrationInterface {
  name = 'EvaluationRatings1764800000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "evaluation_ratings" (
                "evaluation_id" integer NOT NULL,
                "organization_id" integer NOT NULL,
                "suggested" text NOT NULL,
                "rating" text NOT NULL,
                "override" boolean NOT NULL,
                "reason" text NOT NULL DEFAULT '',
                "decided_by_user_id" integer NOT NULL,
                "decided_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "version" integer NOT NULL,
                CONSTRAINT "PK_77bbfe9f6ef0bf2d2626ee59b24" PRIMARY KEY ("evaluation_id")
            )
        `);
    await queryRunner.query(`
            ALTER TABLE "evaluation_ratings"
            ADD CONSTRAINT "evaluation_ratings_evaluation_id_fkey" FOREIGN KEY ("evaluation_id") REFERENCES "evaluations"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "evaluation_ratings" DROP CONSTRAINT "evaluation_ratings_evaluation_id_fkey"
        `);
    await queryRunner.query(`
            DROP TABLE "evaluation_ratings"
        `);
  }
}
