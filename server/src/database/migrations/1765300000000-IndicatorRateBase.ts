import { MigrationInterface, QueryRunner } from 'typeorm';

/** A thousands separator: a comma, a point, a space, a no-break, narrow no-break or thin space. */
const SEPARATOR = `[ ,.\\u00A0\\u202F\\u2009]`;

/** The number ends here: no digit follows, nor a separator and more digits ("per 1,000,000"). */
const END = `(?![0-9]|${SEPARATOR}[0-9])`;

/**
 * The base that `column`'s text names ("per 100,000", "per 1 000", "per 100", "%"), or NULL when it
 * names none (or another base, such as per 10 000 or per million). Larger bases are tried first:
 * "per 100,000" also contains "per 100".
 */
const baseNamedIn = (column: string) => `CASE
    WHEN "${column}" ~* '\\mper\\s*100${SEPARATOR}?000${END}' THEN 100000
    WHEN "${column}" ~* '\\mper\\s*1${SEPARATOR}?000${END}' THEN 1000
    WHEN "${column}" ~* '\\mper\\s*100${END}' OR position('%' in "${column}") > 0 THEN 100
  END`;

/**
 * An existing rate's base, from its unit and name (the seeded PAR-ABUSE-01, "per 1,000 children per
 * year", gets 1000). The safe reading is the larger base: a base read too small inflates the implied
 * count (value × n ÷ base), so a small count could pass for a large one and escape suppression, while
 * a base read too large only suppresses more. So when the unit and the name disagree the larger base
 * wins, and a rate whose text names no base gets the largest, 100000, rather than the common 1000.
 * Administrators can correct a base afterwards (an audited update).
 */
export const RATE_BASE_FROM_TEXT = `COALESCE(GREATEST(${baseNamedIn('unit')}, ${baseNamedIn('name')}), 100000)`;

/**
 * Rate indicators declare their base (`rate_base`: 1, 100, 1000 or 100000), so that a rate's
 * implied count (value × n ÷ rate_base) can be checked for small cells; other measure types have none.
 */
export class IndicatorRateBase1765300000000 implements MigrationInterface {
  name = 'IndicatorRateBase1765300000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "indicators" ADD "rate_base" integer`);
    await queryRunner.query(
      `UPDATE "indicators" SET "rate_base" = ${RATE_BASE_FROM_TEXT} WHERE "measure_type" = 'rate'`,
    );
    await queryRunner.query(
      `ALTER TABLE "indicators" ADD CONSTRAINT "indicators_rate_base_check" CHECK (
          rate_base IS NULL OR rate_base IN (1, 100, 1000, 100000)
        )`,
    );
    await queryRunner.query(
      `ALTER TABLE "indicators" ADD CONSTRAINT "indicators_rate_base_measure_type_check" CHECK (
          (measure_type = 'rate') = (rate_base IS NOT NULL)
        )`,
    );
    // No privileges to add: the application role's grants (RowLevelSecurity1765200000000) are
    // table-wide, so they cover a new column, and `indicators` has no row-level policies.
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "indicators" DROP CONSTRAINT "indicators_rate_base_measure_type_check"`);
    await queryRunner.query(`ALTER TABLE "indicators" DROP CONSTRAINT "indicators_rate_base_check"`);
    await queryRunner.query(`ALTER TABLE "indicators" DROP COLUMN "rate_base"`);
  }
}
