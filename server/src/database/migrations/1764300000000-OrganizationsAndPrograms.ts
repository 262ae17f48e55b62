import { MigrationInterface, QueryRunner } from 'typeorm';

/** Names sort in natural language order (ICU root collation), not byte order. */
export class OrganizationsAndPrograms1764300000000 implements MigrationInterface {
  name = 'OrganizationsAndPrograms1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE organizations (
        id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        name text COLLATE "und-x-icu" NOT NULL,
        kind text NOT NULL,
        country char(2),
        website text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL,
        CONSTRAINT organizations_kind_check CHECK (kind IN ('ngo', 'funder', 'research', 'platform'))
      )`);
    await q.query(`CREATE UNIQUE INDEX organizations_name_unique ON organizations (lower(name))`);
    await q.query(`
      CREATE TABLE programs (
        id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        organization_id integer NOT NULL,
        name text COLLATE "und-x-icu" NOT NULL,
        summary text NOT NULL DEFAULT '',
        strategy text NOT NULL,
        target_populations text[] NOT NULL DEFAULT '{}',
        setting text NOT NULL,
        countries text[] NOT NULL DEFAULT '{}',
        start_date date NOT NULL,
        end_date date,
        status text NOT NULL DEFAULT 'planned',
        inputs text[] NOT NULL DEFAULT '{}',
        activities text[] NOT NULL DEFAULT '{}',
        outputs text[] NOT NULL DEFAULT '{}',
        intended_outcomes text[] NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL,
        CONSTRAINT programs_organization_id_fkey FOREIGN KEY (organization_id) REFERENCES organizations (id) ON DELETE RESTRICT,
        CONSTRAINT programs_dates_check CHECK (end_date IS NULL OR end_date >= start_date)
      )`);
    await q.query(`CREATE INDEX programs_organization_id_idx ON programs (organization_id)`);
    await q.query(`CREATE INDEX programs_countries_idx ON programs USING gin (countries)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE programs`);
    await q.query(`DROP TABLE organizations`);
  }
}
