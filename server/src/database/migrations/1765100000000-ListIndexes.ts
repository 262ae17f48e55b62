import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 8: indexes for the programs list's default order (name, id), alone, within an NGO and
 * within a strategy, so a page of 25 is an index scan instead of a sort of every row (B4).
 */
export class ListIndexes1765100000000 implements MigrationInterface {
  name = 'ListIndexes1765100000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."programs_organization_id_idx"`);
    await queryRunner.query(
      `CREATE INDEX "programs_organization_id_idx" ON "programs" ("organization_id", "name", "id")`,
    );
    await queryRunner.query(`CREATE INDEX "programs_name_idx" ON "programs" ("name", "id")`);
    await queryRunner.query(`CREATE INDEX "programs_strategy_idx" ON "programs" ("strategy", "name", "id")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."programs_strategy_idx"`);
    await queryRunner.query(`DROP INDEX "public"."programs_name_idx"`);
    await queryRunner.query(`DROP INDEX "public"."programs_organization_id_idx"`);
    await queryRunner.query(`CREATE INDEX "programs_organization_id_idx" ON "programs" ("organization_id")`);
  }
}
