/**
 * Load (issue 9): 100 concurrent writers for LOAD_SECONDS (default 60) s create and update outcome
 * measurements through the API with their coordinators' tokens, each in its own draft evaluation,
 * and record every acknowledged write. Afterwards every acknowledged write must be in the
 * database with the acknowledged values, no response may be a 5xx, and the audit log must hold
 * exactly one row per acknowledged mutation (matched by X-Request-Id). Throughput and latency are
 * printed and written to tests/api/artifacts/load.json, never asserted. Own PostgreSQL and server.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { api } from '../support/api';
import {
  createIndicator,
  createOrganization,
  createProgram,
  evaluationInput,
  type Evaluation,
} from '../support/factories';
import { startOwnServer, type OwnServer } from '../support/own-server';
import { measurementCell } from '../support/measurement-cells';
import { createToken, createUser } from '../support/sessions';

const WRITERS = 100;
const COORDINATORS = 10;
const LOAD_SECONDS = Number(process.env.LOAD_SECONDS ?? 60);

interface Expected {
  id: number;
  evaluationId: number;
  n: number;
  events: number;
  version: number;
}

interface Measurement extends Expected {
  statusCode?: number;
}

let own: OwnServer;

beforeAll(async () => {
  own = await startOwnServer('load');
}, 120_000);

afterAll(async () => {
  await own?.stop();
}, 120_000);

const percentile = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : 0;

it(
  `${WRITERS} concurrent writers for ${LOAD_SECONDS} s: every acknowledged write stored and audited once, no 5xx`,
  async () => {
    const indicator = await createIndicator();
    const coordinators: { token: string; programId: number }[] = [];
    for (let c = 0; c < COORDINATORS; c++) {
      const organizationId = (await createOrganization()).id;
      const programId = (await createProgram(organizationId)).id;
      const user = await createUser('coordinator', organizationId);
      coordinators.push({ token: await createToken(user, 'write'), programId });
    }
    const writers: { token: string; evaluationId: number }[] = [];
    for (let w = 0; w < WRITERS; w++) {
      const { token, programId } = coordinators[w % COORDINATORS];
      const created = await api<Evaluation>('POST', '/api/evaluations', evaluationInput(programId), { token });
      expect(created.status).toBe(201);
      writers.push({ token, evaluationId: created.body.id });
    }

    const expected = new Map<number, Expected>();
    /** Request id → the mutation it acknowledged. */
    const acknowledged = new Map<string, { kind: 'create' | 'update'; id: number }>();
    const latencies: number[] = [];
    const statuses = new Map<number, number>();
    let networkErrors = 0;
    let creates = 0;
    let updates = 0;

    const started = Date.now();
    const deadline = started + LOAD_SECONDS * 1000;
    const run = async (w: number) => {
      const { token, evaluationId } = writers[w];
      const mine: number[] = [];
      let next = 0;
      for (let i = 0; Date.now() < deadline; i++) {
        const requestId = `load-${process.pid}-${w}-${i}`;
        const update = mine.length > 0 && (i % 2 === 1 || next >= 1000);
        const n = 50 + ((w * 7919 + i * 104729) % 450);
        const events = (i * 31 + w) % (n + 1);
        const t0 = performance.now();
        try {
          let response;
          if (update) {
            const id = mine[(i * 7) % mine.length];
            response = await api<Measurement>(
              'PUT',
              `/api/outcome-measurements/${id}`,
              { n, events, version: expected.get(id)!.version },
              { token, headers: { 'x-request-id': requestId } },
            );
          } else {
            response = await api<Measurement>(
              'POST',
              '/api/outcome-measurements',
              { evaluationId, indicatorId: indicator.id, ...measurementCell(next++), n, events },
              { token, headers: { 'x-request-id': requestId } },
            );
          }
          latencies.push(performance.now() - t0);
          statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
          if (response.status === 200 || response.status === 201) {
            const body = response.body;
            expect(response.headers.get('x-request-id')).toBe(requestId);
            expected.set(body.id, { id: body.id, evaluationId, n, events, version: body.version });
            acknowledged.set(requestId, { kind: update ? 'update' : 'create', id: body.id });
            if (update) updates++;
            else {
              creates++;
              mine.push(body.id);
            }
          }
        } catch {
          latencies.push(performance.now() - t0);
          networkErrors++;
        }
      }
    };
    await Promise.all(writers.map((_, w) => run(w)));
    const elapsedSeconds = (Date.now() - started) / 1000;

    // Check everything as the tables' owner, straight from PostgreSQL.
    const client = new Client({ connectionString: own.database.url });
    await client.connect();
    let found = 0;
    const wrong: unknown[] = [];
    let auditRows: Map<string, number>;
    try {
      const ids = [...expected.keys()];
      const rows = (
        await client.query<Expected>(
          'SELECT id, evaluation_id AS "evaluationId", n, events, version FROM outcome_measurements WHERE id = ANY($1)',
          [ids],
        )
      ).rows;
      for (const row of rows) {
        const want = expected.get(row.id)!;
        if (
          row.evaluationId === want.evaluationId &&
          row.n === want.n &&
          row.events === want.events &&
          row.version === want.version
        )
          found++;
        else wrong.push({ want, got: row });
      }
      auditRows = new Map(
        (
          await client.query<{ request_id: string; count: string }>(
            `SELECT request_id, count(*) FROM audit_events WHERE request_id LIKE $1 GROUP BY request_id`,
            [`load-${process.pid}-%`],
          )
        ).rows.map((r) => [r.request_id, Number(r.count)]),
      );
    } finally {
      await client.end();
    }

    const sorted = [...latencies].sort((a, b) => a - b);
    const serverErrors = [...statuses].filter(([status]) => status >= 500).reduce((sum, [, count]) => sum + count, 0);
    const notAuditedOnce = [...acknowledged.keys()].filter((requestId) => auditRows.get(requestId) !== 1);
    const auditedNotAcknowledged = [...auditRows.keys()].filter((requestId) => !acknowledged.has(requestId));
    const report = {
      writers: WRITERS,
      seconds: Math.round(elapsedSeconds * 10) / 10,
      requests: latencies.length,
      throughputPerSecond: Math.round((latencies.length / elapsedSeconds) * 10) / 10,
      latencyMs: {
        p50: Math.round(percentile(sorted, 50) * 10) / 10,
        p95: Math.round(percentile(sorted, 95) * 10) / 10,
        p99: Math.round(percentile(sorted, 99) * 10) / 10,
        max: Math.round((sorted.at(-1) ?? 0) * 10) / 10,
      },
      statuses: Object.fromEntries(statuses),
      serverErrors,
      networkErrors,
      acknowledged: { mutations: acknowledged.size, creates, updates, measurements: expected.size },
      foundCorrect: found,
      auditRowsForAcknowledged: acknowledged.size - notAuditedOnce.length,
      at: new Date().toISOString(),
    };
    console.log(`load: ${JSON.stringify(report, null, 2)}`);
    const artifacts = join(__dirname, 'artifacts');
    mkdirSync(artifacts, { recursive: true });
    writeFileSync(join(artifacts, 'load.json'), `${JSON.stringify(report, null, 2)}\n`);

    expect(acknowledged.size).toBeGreaterThan(0);
    expect(serverErrors).toBe(0);
    expect(networkErrors).toBe(0);
    expect(wrong).toEqual([]);
    expect(found).toBe(expected.size);
    expect(notAuditedOnce).toEqual([]);
    expect(auditedNotAcknowledged).toEqual([]);
    // Every answer was an acknowledgement: each writer owns its evaluation and reads its own versions.
    expect(latencies.length).toBe(acknowledged.size);
  },
  (LOAD_SECONDS + 300) * 1000,
);
