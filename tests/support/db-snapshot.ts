/**
 * A database's contents in a comparable form: for every table of the current schema, its row
 * count and an md5 over its rows in primary-key order (the whole row as text). Used where a test
 * proves nothing changed (rejected requests) or everything survived (backup and restore).
 */
import { Client } from 'pg';

export interface TableSnapshot {
  rows: number;
  checksum: string;
}
export type DatabaseSnapshot = Record<string, TableSnapshot>;

export async function snapshotDatabase(
  databaseUrl: string,
  options: { exclude?: readonly string[] } = {},
): Promise<DatabaseSnapshot> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const tables = (
      await client.query<{ name: string }>(
        `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE c.relkind IN ('r', 'p') AND n.nspname = current_schema() ORDER BY c.relname`,
      )
    ).rows
      .map((r) => r.name)
      .filter((name) => !options.exclude?.includes(name));
    const snapshot: DatabaseSnapshot = {};
    for (const table of tables) {
      const quoted = `"${table.replace(/"/g, '""')}"`;
      // Ordering by the row's text makes the checksum independent of physical order and of the key.
      const { rows } = await client.query<{ rows: string; checksum: string | null }>(
        `SELECT count(*)::text AS rows, md5(string_agg(t::text, E'\\n' ORDER BY t::text)) AS checksum FROM ${quoted} t`,
      );
      snapshot[table] = { rows: Number(rows[0].rows), checksum: rows[0].checksum ?? '' };
    }
    return snapshot;
  } finally {
    await client.end();
  }
}
