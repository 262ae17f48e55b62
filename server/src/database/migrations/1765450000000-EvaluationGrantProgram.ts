import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 17: an evaluation's grant funds its program, as a foreign key. The services checked it
 * with the requester's view, and a funder cannot see the grantee's drafts, so it could remove a
 * program from a grant under a draft that linked it (after submission: 404 on the program, 500 on
 * the summary). PostgreSQL checks foreign keys past row-level security, inside the transaction
 * and race-free, so the rule holds whoever asks. NOT VALID: rows written before the rule are not
 * re-checked (a database that already has such a link still starts); every new or changed row is.
 */
export class EvaluationGrantProgram1765450000000 implements MigrationInterface {
  name = 'EvaluationGrantProgram1765450000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX "evaluations_grant_program_idx" ON "evaluations" ("grant_id", "program_id")`);
    await q.query(
      `ALTER TABLE "evaluations" ADD CONSTRAINT "evaluations_grant_program_fkey" FOREIGN KEY ("grant_id", "program_id")
         REFERENCES "grant_programs" ("grant_id", "program_id") ON DELETE NO ACTION ON UPDATE NO ACTION NOT VALID`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "evaluations" DROP CONSTRAINT "evaluations_grant_program_fkey"`);
    await q.query(`DROP INDEX "evaluations_grant_program_idx"`);
  }
}
