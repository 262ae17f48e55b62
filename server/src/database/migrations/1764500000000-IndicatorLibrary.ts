import { MigrationInterface, QueryRunner } from 'typeorm';

/** The shared indicator library (issue 4). */

export class IndicatorLibrary1764500000000 implements MigrationInterface {
  name = 'IndicatorLibrary1764500000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "indicators" (
                "id" integer GENERATED ALWAYS AS IDENTITY NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "version" integer NOT NULL,
                "code" text NOT NULL,
                "name" text COLLATE "und-x-icu" NOT NULL,
                "definition" text NOT NULL DEFAULT '',
                "level" text NOT NULL,
                "measure_type" text NOT NULL,
                "unit" text NOT NULL DEFAULT '',
                "direction" text NOT NULL,
                "min_value" double precision,
                "max_value" double precision,
                "sdg_target" text,
                "iati_vocabulary" text,
                "iati_code" text,
                "active" boolean NOT NULL DEFAULT true,
                CONSTRAINT "indicators_range_check" CHECK (
                    min_value IS NULL
                    OR max_value IS NULL
                    OR min_value <= max_value
                ),
                CONSTRAINT "indicators_direction_check" CHECK (direction IN ('increase', 'decrease')),
                CONSTRAINT "indicators_measure_type_check" CHECK (
                    measure_type IN ('proportion', 'mean', 'count', 'rate')
                ),
                CONSTRAINT "indicators_level_check" CHECK (level IN ('output', 'outcome', 'impact')),
                CONSTRAINT "PK_6e24383c110600564187e92042e" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "indicators_code_unique" ON "indicators" ("code")
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP INDEX "public"."indicators_code_unique"
        `);
    await queryRunner.query(`
            DROP TABLE "indicators"
        `);
  }
}
