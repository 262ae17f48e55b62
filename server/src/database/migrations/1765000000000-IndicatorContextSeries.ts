import { MigrationInterface, QueryRunner } from 'typeorm';

/** Issue 7: an indicator may carry a context series by year (e.g. national hotline tips, 1998–2004). */
export class IndicatorContextSeries1765000000000 implements MigrationInterface {
  name = 'IndicatorContextSeries1765000000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "indicators" ADD "context_series" jsonb NOT NULL DEFAULT '[]'`);
    await queryRunner.query(`ALTER TABLE "indicators" ADD "context_source" text`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "indicators" DROP COLUMN "context_source"`);
    await queryRunner.query(`ALTER TABLE "indicators" DROP COLUMN "context_series"`);
  }
}
