import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { Client } from 'pg';
import { api, baseUrl, type ErrorBody } from '../support/api';
import { createIndicator, createOrganization, createProgram } from '../support/factories';
import { startOwnServer, type OwnServer } from '../support/own-server';
import { TEST_ADMIN } from '../support/server.mjs';

/**
 * Issue 18: Prometheus metrics at GET /api/metrics, behind METRICS_TOKEN; off (404) without it.
 * HTTP requests are counted by route pattern (never the address), the pools, the job queue and
 * the jobs table are read at scrape time.
 */
const METRICS_TOKEN = 'metrics-test-token-0123456789abcdef0123456789';
/** The suites' shared server (global-setup.mjs), started without METRICS_TOKEN. */
const sharedBaseUrl = process.env.LEDGER_BASE_URL ?? '';

async function scrape(token = METRICS_TOKEN, base = baseUrl()) {
  const response = await fetch(`${base}/api/metrics`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

async function metricsText(): Promise<string> {
  const response = await scrape();
  expect(response.status).toBe(200);
  return response.text;
}

/** The value of one series, `name{labels}` exactly as exposed (labels in declaration order); 0 when absent. */
function valueOf(text: string, series: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? 0 : Number(line.slice(series.length + 1));
}

function hasSeries(text: string, series: string): boolean {
  return text.split('\n').some((l) => l.startsWith(`${series} `));
}

/** Every value of a label in the exposition. */
function labelValues(text: string, label: string): string[] {
  return [...text.matchAll(new RegExp(`[{,]${label}="([^"]*)"`, 'g'))].map((m) => m[1]);
}

describe('Prometheus metrics', () => {
  let own: OwnServer;

  beforeAll(async () => {
    own = await startOwnServer('metrics', { env: { METRICS_TOKEN } });
  }, 300_000);

  afterAll(async () => {
    await own?.stop();
  });

  it('do not exist without METRICS_TOKEN: /api/metrics is an unknown route (404)', async () => {
    const response = await scrape(METRICS_TOKEN, sharedBaseUrl);
    expect(response.status).toBe(404);
    expect((JSON.parse(response.text) as ErrorBody).code).toBe('no_route');
  });

  it('refuse a request without the token, with a wrong one, or with a user API token (401)', async () => {
    for (const token of ['', `${METRICS_TOKEN}x`, METRICS_TOKEN.slice(0, -1), own.adminToken]) {
      const response = await scrape(token);
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe('Bearer realm="metrics"');
      const body = JSON.parse(response.text) as ErrorBody;
      expect(body.code).toBe('unauthorized');
      expect(response.text).not.toContain('ledger_');
    }
    const basic = await fetch(`${baseUrl()}/api/metrics`, {
      headers: { authorization: `Basic ${Buffer.from(`x:${METRICS_TOKEN}`).toString('base64')}` },
    });
    expect(basic.status).toBe(401);
  });

  it('answer the token with the Prometheus text format, process metrics included', async () => {
    const response = await scrape();
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.text).toContain('# TYPE ledger_http_requests_total counter');
    expect(response.text).toContain('# TYPE ledger_http_request_duration_seconds histogram');
    expect(response.text).toContain('# TYPE process_cpu_seconds_total counter');
    expect(response.text).toMatch(/^nodejs_eventloop_lag_seconds \d/m);
  });

  it('count requests by route pattern and status, never by address', async () => {
    const program = await createProgram((await createOrganization()).id);
    const series = 'ledger_http_requests_total{method="GET",route="/api/programs/:id",status="200"}';
    const before = valueOf(await metricsText(), series);
    for (let i = 0; i < 3; i++) {
      expect((await api('GET', `/api/programs/${program.id}?probe=${i}`)).status).toBe(200);
    }
    const text = await metricsText();
    expect(valueOf(text, series)).toBe(before + 3);
    const histogram = 'ledger_http_request_duration_seconds';
    expect(valueOf(text, `${histogram}_count{method="GET",route="/api/programs/:id"}`)).toBeGreaterThanOrEqual(3);
    expect(hasSeries(text, `${histogram}_bucket{le="0.005",method="GET",route="/api/programs/:id"}`)).toBe(true);
    expect(valueOf(text, `${histogram}_bucket{le="+Inf",method="GET",route="/api/programs/:id"}`)).toBe(
      valueOf(text, `${histogram}_count{method="GET",route="/api/programs/:id"}`),
    );
    expect(valueOf(text, `${histogram}_sum{method="GET",route="/api/programs/:id"}`)).toBeGreaterThan(0);
    // Route labels are patterns: no ids, no query strings.
    const routes = labelValues(text, 'route');
    expect(routes).toContain('/api/programs/:id');
    for (const route of routes) {
      expect(route).toMatch(/^(unmatched|admin|\/api(\/(:?[A-Za-z][\w-]*|\*\w+))*)$/);
    }
    expect(text).not.toContain(`/api/programs/${program.id}`);
    expect(text).not.toContain('probe');
  });

  it('count 401s from the guard, 404s, 414s and 422s with their status and error code', async () => {
    const indicator = await createIndicator();
    const before = await metricsText();
    const counted = (text: string, labels: string) => valueOf(text, `ledger_http_requests_total{${labels}}`);
    const errors = (text: string, labels: string) => valueOf(text, `ledger_http_errors_total{${labels}}`);

    expect((await api('GET', '/api/programs', undefined, { token: null })).status).toBe(401);
    expect((await api('GET', '/api/programs/987654321')).status).toBe(404);
    expect((await api('GET', '/api/programs/987654321')).status).toBe(404);
    expect((await api('GET', '/api/no-such-route/424242')).status).toBe(404);
    expect((await api('GET', `/api/programs?filter=${'x'.repeat(9000)}`)).status).toBe(414);
    const unprocessable = await api<ErrorBody>('GET', `/api/analysis/pooled?indicatorId=${indicator.id}`);
    expect(unprocessable.status).toBe(422);

    const after = await metricsText();
    const diff = (labels: string) => counted(after, labels) - counted(before, labels);
    const errorDiff = (labels: string) => errors(after, labels) - errors(before, labels);
    expect(diff('method="GET",route="/api/programs",status="401"')).toBe(1);
    expect(errorDiff('method="GET",route="/api/programs",status="401",code="unauthorized"')).toBe(1);
    expect(diff('method="GET",route="/api/programs/:id",status="404"')).toBe(2);
    expect(errorDiff('method="GET",route="/api/programs/:id",status="404",code="not_found"')).toBe(2);
    expect(diff('method="GET",route="unmatched",status="404"')).toBe(1);
    expect(errorDiff('method="GET",route="unmatched",status="404",code="no_route"')).toBe(1);
    // Answered before any route, by the URL length limit, with its own code.
    expect(errorDiff('method="GET",route="unmatched",status="414",code="uri_too_long"')).toBe(1);
    expect(diff('method="GET",route="/api/analysis/pooled",status="422"')).toBe(1);
    expect(errorDiff(`method="GET",route="/api/analysis/pooled",status="422",code="${unprocessable.body.code}"`)).toBe(
      1,
    );
    expect(after).not.toContain('987654321');
    expect(after).not.toContain('no-such-route');
  });

  it('label unknown methods "other", so clients cannot make new series', async () => {
    const before = valueOf(
      await metricsText(),
      'ledger_http_requests_total{method="other",route="unmatched",status="404"}',
    );
    const response = await fetch(`${baseUrl()}/api/programs`, { method: 'PROPFIND' });
    expect(response.status).toBe(404);
    const text = await metricsText();
    expect(valueOf(text, 'ledger_http_requests_total{method="other",route="unmatched",status="404"}')).toBe(before + 1);
    expect(text).not.toContain('PROPFIND');
  });

  it('do not count the scrapes themselves', async () => {
    await metricsText();
    await metricsText();
    const text = await metricsText();
    expect(labelValues(text, 'route')).not.toContain('/api/metrics');
  });

  it('show the primary database pool', async () => {
    const text = await metricsText();
    expect(valueOf(text, 'ledger_db_pool_connections{pool="primary"}')).toBeGreaterThanOrEqual(1);
    expect(hasSeries(text, 'ledger_db_pool_idle_connections{pool="primary"}')).toBe(true);
    expect(valueOf(text, 'ledger_db_pool_waiting_requests{pool="primary"}')).toBe(0);
    expect(valueOf(text, 'ledger_db_pool_max_connections{pool="primary"}')).toBe(10);
    // No replicas configured: no replica series.
    expect(text).not.toMatch(/^ledger_replica_\w+\{/m);
  });

  // A read replica's pool and its state and fallbacks: tests/api/replica-failover.test.ts (a real standby).

  it('show queued jobs of the job queue and of the jobs table, read at scrape time', async () => {
    const queue = 'ledger_job_queue_jobs{queue="indicator-imports",state="created"}';
    const queued = 'ledger_jobs{state="queued"}';
    const before = await metricsText();
    expect(hasSeries(before, queue)).toBe(true);
    expect(hasSeries(before, 'ledger_job_queue_jobs{queue="target-imports",state="active"}')).toBe(true);
    expect(hasSeries(before, queued)).toBe(true);
    expect(valueOf(before, 'ledger_metrics_collect_errors_total{collector="jobs"}')).toBe(0);

    // A job waiting in both: in pg-boss not due for an hour (no worker takes it), in the jobs table queued.
    const db = new Client({ connectionString: own.database.url });
    await db.connect();
    const jobId = '00000000-0000-4000-8000-00000000a11e';
    try {
      const [admin] = (await db.query<{ id: number }>('SELECT id FROM users WHERE email = $1', [TEST_ADMIN.email]))
        .rows;
      await db.query(
        `INSERT INTO jobs (id, actor_user_id, kind, subject_type, subject_id, options, request_hash)
         VALUES ($1, $2, 'indicator_import', 'indicator', 0, '{}', 'metrics-test')`,
        [jobId, admin.id],
      );
      const [boss] = (
        await db.query<{ id: string }>(
          `INSERT INTO pgboss.job (name, data, start_after) VALUES ('indicator-imports', $1, now() + interval '1 hour') RETURNING id`,
          [{ jobId }],
        )
      ).rows;
      try {
        const during = await metricsText();
        expect(valueOf(during, queue)).toBe(valueOf(before, queue) + 1);
        expect(valueOf(during, queued)).toBe(valueOf(before, queued) + 1);
      } finally {
        await db.query('DELETE FROM pgboss.job WHERE id = $1', [boss.id]);
        await db.query('DELETE FROM jobs WHERE id = $1', [jobId]);
      }
      const after = await metricsText();
      expect(valueOf(after, queue)).toBe(valueOf(before, queue));
      expect(valueOf(after, queued)).toBe(valueOf(before, queued));
    } finally {
      await db.end();
    }
  });

  it('still answer when the job counts cannot be read: those series are absent and the failure is counted', async () => {
    const errors = 'ledger_metrics_collect_errors_total{collector="jobs"}';
    const before = valueOf(await metricsText(), errors);
    // The owner holds pg-boss's table locked: the scrape's statement runs into its timeout (2 s).
    const db = new Client({ connectionString: own.database.url });
    await db.connect();
    try {
      await db.query('BEGIN');
      await db.query('LOCK TABLE pgboss.job IN ACCESS EXCLUSIVE MODE');
      const blocked = await scrape();
      await db.query('ROLLBACK');
      expect(blocked.status).toBe(200);
      expect(valueOf(blocked.text, errors)).toBe(before + 1);
      expect(blocked.text).not.toMatch(/^ledger_job_queue_jobs\{/m);
      expect(blocked.text).not.toMatch(/^ledger_jobs\{/m);
      expect(hasSeries(blocked.text, 'ledger_db_pool_connections{pool="primary"}')).toBe(true);
      expect(blocked.text).toContain('ledger_http_requests_total{');
    } finally {
      await db.end();
    }
    const after = await metricsText();
    expect(hasSeries(after, 'ledger_job_queue_jobs{queue="indicator-imports",state="created"}')).toBe(true);
    expect(valueOf(after, errors)).toBe(before + 1);
  });

  it('never carry tenant data: no organization names or user emails', async () => {
    const organization = await createOrganization();
    await createProgram(organization.id);
    const text = await metricsText();
    expect(text).not.toContain(organization.name);
    expect(text).not.toContain(TEST_ADMIN.email);
    expect(text).not.toContain('@');
  });

  it('refuse to start with a METRICS_TOKEN shorter than 32 characters, in one line', async () => {
    const child = spawn(process.execPath, [join(__dirname, '..', '..', 'server', 'dist', 'main.js')], {
      env: { ...process.env, NODE_ENV: 'test', METRICS_TOKEN: 'too-short', DATABASE_URL: own.database.url },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(1);
    expect(output.trim()).toBe(
      'Outcome Ledger could not start: METRICS_TOKEN must be at least 32 characters (got 9); make one with "openssl rand -hex 32", or unset it to turn /api/metrics off',
    );
  });
});
