// B4's baseline: a bare node:http + pg handler running the programs list's SQL (page and count),
// with no framework, no authentication and no validation. Prints its port, serves until killed.
import { createServer } from 'node:http';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { Pool } = require('pg');

const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.POOL_SIZE ?? 10) });
const PAGE = `SELECT id, organization_id, name, summary, strategy, target_populations, setting, countries, start_date::text,
                     end_date::text, status, inputs, activities, outputs, intended_outcomes, created_at, updated_at, version
                FROM programs WHERE strategy = $1 ORDER BY name ASC, id ASC LIMIT 25 OFFSET 0`;
const COUNT = 'SELECT count(*)::int AS total FROM programs WHERE strategy = $1';

const server = createServer(async (req, res) => {
  try {
    const strategy = new URL(req.url, 'http://x').searchParams.get('strategy') ?? 'educate_public';
    const [page, count] = await Promise.all([pool.query(PAGE, [strategy]), pool.query(COUNT, [strategy])]);
    const body = JSON.stringify(page.rows);
    res.writeHead(200, {
      'content-type': 'application/json; charset=utf-8',
      'content-range': `programs 0-${page.rows.length - 1}/${count.rows[0].total}`,
    });
    res.end(body);
  } catch (error) {
    res.writeHead(500);
    res.end(String(error));
  }
});
server.listen(0, '127.0.0.1', () => process.stdout.write(`listening ${server.address().port}\n`));
process.on('SIGTERM', () => server.close(() => pool.end().then(() => process.exit(0))));
