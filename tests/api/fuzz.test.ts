/**
 * Fuzzing every route (issue 9): reads /api/openapi.json from a server of its own (own database, so
 * suites running in parallel cannot change the snapshot) and sends every path × method malformed
 * and hostile requests generated with fast-check, as anonymous, a garbage token and each role.
 * Every answer must be < 500 and, for errors, have the API's error shape; the database must be
 * exactly as it was before (rejected requests write nothing, not even an audit row).
 *
 * Reproduce: FUZZ_SEED=<seed> [FUZZ_RUNS=<requests>] [FUZZ_ROUTE=<substring of "METHOD /path">].
 * The requests of a route depend only on the seed and the route, so FUZZ_ROUTE replays them.
 */
import fc from 'fast-check';
import { api } from '../support/api';
import { snapshotDatabase } from '../support/db-snapshot';
import { createGrant, createIndicator, createOrganization, createProgram, evaluationInput } from '../support/factories';
import { createToken, createUser } from '../support/sessions';
import { startOwnServer, type OwnServer } from '../support/own-server';
import { TEST_ADMIN } from '../support/server.mjs';

const DEFAULT_SEED = 20260901;
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : DEFAULT_SEED;
const RUNS = process.env.FUZZ_RUNS ? Number(process.env.FUZZ_RUNS) : 10_000;
const ROUTE_FILTER = process.env.FUZZ_ROUTE;
const CONCURRENCY = 8;

/**
 * Tables left out of the before/after comparison, each because it changes on requests that are
 * correctly refused or read-only, by design:
 * - api_tokens: `last_used_at` is touched (at most once a minute) by every request authenticated with
 *   a token, including refused ones; the fuzzing sends thousands of them.
 * - login_attempts: every refused login (well-formed, wrong password) is recorded there for the
 *   throttling (docs/security.md), which is how refused logins are counted; no other table changes.
 */
const SNAPSHOT_EXCLUDE = ['api_tokens', 'login_attempts'];

/** Non-GET routes that may answer 2xx to a hostile request without writing anything. */
const HARMLESS_WRITES = new Set([
  // With a Bearer token there is no session to end: it only clears cookies the client does not have.
  'POST /api/auth/logout',
]);

/** Routes whose well-formed bodies are refused anyway (no account has these credentials, no link this token). */
const WELL_FORMED_REFUSED = new Set(['POST /api/auth/login', 'POST /api/auth/set-password']);

/** GET routes that write an audit row when they succeed (exports, reports, open data). */
const AUDITED_READ = /\/export$|research-dataset|summary\.(pdf|xlsx)$|iati\.xml$|dhis2$/;

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
interface Route {
  method: Method;
  path: string;
  /** The JSON request body's property names from the OpenAPI schema (known fields to send wrong). */
  fields: string[];
  /** The query parameters the OpenAPI document names (besides the list protocol's). */
  params: string[];
  /** A well-formed body for the route: a real record's fields the schema names, or a login. */
  template?: Record<string, unknown>;
}

interface FuzzRequest {
  actor: string;
  path: string;
  query: string;
  contentType?: string;
  body?: string | Buffer;
  /** What the generator meant (for the failure report). */
  kind: string;
}

interface Outcome {
  route: string;
  request: FuzzRequest;
  status: number;
  problem: string;
  body: string;
}

// ---------------------------------------------------------------- hostile values

const depth = (levels: number, open: string, close: string, inner = '1') =>
  `${open.repeat(levels)}${inner}${close.repeat(levels)}`;

const HOSTILE_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\uD800',
  '\uDFFF',
  'x\uDC00y',
  '\u202Egnp.exe',
  '\u200F\u200E\u061C',
  '\uFEFF',
  '\uFFFF',
  '😀👩‍👩‍👧‍👦🏳️‍🌈',
  'Z̷̢̛͎̓a̵l̸g̶o̷',
  '\u00C0\u00AF',
  '%C0%AF',
  '%00',
  '%',
  '%E0%A4%A',
  "' OR '1'='1",
  '1; DROP TABLE users;--',
  "'); DELETE FROM audit_events; --",
  '$$; RESET ROLE; $$',
  '\\',
  '"',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  '{{7*7}}',
  '${7*7}',
  '../../../../etc/passwd',
  '=cmd|" /C calc"!A0',
  'null',
  'undefined',
  'NaN',
  'Infinity',
  '-0',
  '1e3',
  '0x1F',
  '9223372036854775808',
  '2025-02-30',
  '0000-00-00',
  '+275760-09-13',
  'T',
  '__proto__',
  'constructor',
];

/** Characters that break naive handling of text: NUL, lone surrogates, characters XML cannot hold, bidi controls, LIKE and quote syntax. */
const POISONS = [
  '\u0000',
  '\uD800',
  '\uDFFF',
  '\u0007',
  '\uFFFE',
  '\u202E',
  '\uFEFF',
  '\u200B',
  "'",
  '%',
  '_',
  '\\',
  '\r\n',
];

/** Ordinary text with a poison character in it. */
function poisoned(poison: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc.tuple(fc.string({ maxLength: 8 }), poison, fc.string({ maxLength: 8 })).map(([a, p, b]) => `${a}${p}${b}`);
}

const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.constantFrom('A'.repeat(10_000), 'é'.repeat(100_000), '\uD800'.repeat(5000)) },
  { weight: 2, arbitrary: fc.constant(null).chain(() => poisoned(fc.constantFrom(...POISONS))) },
);

const hostileNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(-1, 0, 1.5, -0, 2 ** 31, 2 ** 31 - 1, 2 ** 53 + 2, 2 ** 63, -(2 ** 63), 1e308, -1e308, 5e-324, 1e3),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

/** Any JSON value that is wrong for almost any field: wrong types, extremes, odd nesting. */
const hostileValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    hostileString,
    hostileNumber,
    fc.boolean(),
    fc.constant(null),
    fc.constant({}),
    fc.constant([]),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(hostileString, tie('value'), { maxKeys: 3 }),
    fc.constant(Array.from({ length: 20_000 }, (_, i) => i)),
  ),
})).value;

// ---------------------------------------------------------------- bodies

/** Raw texts that are not the JSON they claim to be, or JSON that is absurd. */
const BAD_TEXTS: (string | Buffer)[] = [
  '',
  '{',
  '}',
  '{"a":}',
  "{'single':'quotes'}",
  '{"a":1,}',
  '[1,2',
  'null',
  'true',
  '42',
  '"text"',
  'NaN',
  '{"a":NaN}',
  '{"a":1e999999}',
  '{"a":-1e999999}',
  '{"a":9223372036854775808123456789}',
  '{"__proto__":{"isAdmin":true}}',
  '{"constructor":{"prototype":{"polluted":1}}}',
  '{"a":1,"a":2}',
  '\uFEFF{}',
  '{"a":"\\ud800"}',
  '{"a":"\\u0000"}',
  '{"a":"\\uZZZZ"}',
  depth(1000, '[', ']'),
  depth(1000, '{"a":', '}'),
  depth(100_000, '[', ']'),
  depth(40, '{"a":', '}'),
  Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc0, 0xaf, 0x22, 0x7d]), // {"a":"<overlong />"}
  Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xed, 0xa0, 0x80, 0x22, 0x7d]), // a UTF-8 encoded surrogate
  Buffer.from([0xff, 0xfe, 0x7b, 0x00, 0x7d, 0x00]), // UTF-16 with BOM
  Buffer.from([0x1f, 0x8b, 0x08, 0x00]), // gzip header
  `{"a":"${'x'.repeat(1_100_000)}"}`, // over the 1 MB limit
  `[${'1,'.repeat(200_000)}1]`,
];

const multipartGarbage = fc.constantFrom(
  '--xyz\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\nnot,a\r\n', // no closing boundary
  '--wrong\r\nContent-Disposition: form-data; name="file"\r\n\r\nx\r\n--wrong--\r\n',
  '--xyz\r\nContent-Disposition: form-data; name="\u0000"; filename="../../x"\r\n\r\n\u0000\r\n--xyz--\r\n',
  '--xyz--\r\n',
  'garbage',
  '',
);

const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-16',
  'application/json; charset=nonsense',
  'text/plain',
  'application/xml',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=xyz',
  'multipart/form-data',
  'application/octet-stream',
  'application/merge-patch+json',
  '*/*',
  '',
];

type BodyPart = Pick<FuzzRequest, 'contentType' | 'body' | 'kind'>;
const noBody: fc.Arbitrary<BodyPart> = fc.constant({ kind: 'no body' });

const body = (route: Route): fc.Arbitrary<BodyPart> => {
  const known = route.fields.length ? fc.constantFrom(...route.fields) : hostileString;
  // Known fields with wrong values, missing ones, and always one unknown field: a body no DTO accepts.
  const hostileObject = fc
    .tuple(
      fc.dictionary(known, hostileValue, { maxKeys: 6 }),
      fc.constantFrom('__fuzz', 'isAdmin', 'role', 'organization_id', '<b>', "x' OR 1=1", '\u0000', 'id '),
      hostileValue,
    )
    .map(([fields, extra, value]) => ({ ...fields, [extra]: value }));
  const withTemplate: { weight: number; arbitrary: fc.Arbitrary<BodyPart> }[] = [];
  const template = route.template;
  if (template && Object.keys(template).length) {
    // A well-formed body but for one text with U+0000 in it, which every route must refuse (a 400):
    // past the validation it reached PostgreSQL, which refuses the character (a 500).
    withTemplate.push({
      weight: 3,
      arbitrary: fc
        .tuple(fc.constantFrom(...Object.keys(template)), poisoned(fc.constant('\u0000')))
        .map(([field, text]) => ({
          contentType: 'application/json',
          body: JSON.stringify({ ...template, [field]: text }),
          kind: 'well-formed with U+0000',
        })),
    });
  }
  if (WELL_FORMED_REFUSED.has(`${route.method} ${route.path}`) && template) {
    // Routes that refuse a well-formed body by themselves (a wrong password, an unknown link).
    withTemplate.push({
      weight: 3,
      arbitrary: fc
        .dictionary(fc.constantFrom(...Object.keys(template)), fc.oneof(hostileString, hostileValue), { maxKeys: 3 })
        .map((fields) => ({
          contentType: 'application/json',
          body: JSON.stringify({ ...template, ...fields }),
          kind: 'well-formed, hostile values',
        })),
    });
  }
  return fc.oneof(
    ...withTemplate,
    {
      weight: 5,
      arbitrary: hostileObject.map((o) => ({
        contentType: 'application/json',
        body: JSON.stringify(o),
        kind: 'hostile object',
      })),
    },
    {
      weight: 2,
      arbitrary: hostileValue.map((v) => ({
        contentType: 'application/json',
        body: JSON.stringify(v) ?? 'null',
        kind: 'hostile value',
      })),
    },
    {
      weight: 3,
      arbitrary: fc
        .constantFrom(...BAD_TEXTS)
        .map((b) => ({ contentType: 'application/json', body: b, kind: 'bad JSON text' })),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(
          fc.constantFrom(...CONTENT_TYPES),
          fc.oneof(hostileString, multipartGarbage, fc.constantFrom(...BAD_TEXTS)),
        )
        .map(([contentType, b]) => ({ contentType: contentType || undefined, body: b, kind: 'odd content type' })),
    },
    { weight: 1, arbitrary: noBody },
  );
};

// ---------------------------------------------------------------- ids and queries

/** Ids that are not ids, or that no row has. */
const BAD_IDS = [
  '-1',
  '0',
  '00',
  '9223372036854775808',
  '9223372036854775807',
  '18446744073709551616',
  '2147483648',
  '2147483647',
  '999999999',
  '99999999999999999999999999999',
  'abc',
  '1e3',
  '1.5',
  '0x10',
  '%201',
  '1%00',
  '%E0%A4%A',
  '%',
  '%2e%2e',
  '%F0%9F%98%80',
  '%D8%00',
  'null',
  'NaN',
  'Infinity',
  '1;DROP%20TABLE%20users',
  "1'%20OR%20'1'%3D'1",
  '%3Cscript%3E',
  '٣',
  'x'.repeat(5000),
];
const MISSING_IDS = ['2147483647', '999999999', '2147483600'];

const absurdJson = fc.oneof(
  fc.constantFrom(
    '',
    '[',
    '{',
    'null',
    '[]',
    '{}',
    '[0,1e308]',
    '[-1,5]',
    '[5,1]',
    '[0,9223372036854775807]',
    '[1.5,2]',
    '["0","9"]',
    '[0,1,2]',
    '["id","ASC"]',
    '["id","DROP"]',
    '["id; DROP TABLE users","ASC"]',
    '["__proto__","ASC"]',
    '["constructor","DESC"]',
    '{"q":"\'; DROP TABLE users; --"}',
    '{"q":"%"}',
    '{"q":"_"}',
    '{"q":"\\\\"}',
    '{"q":"\\u0000"}',
    '{"id":[]}',
    '{"id":[-1,0,2147483648]}',
    '{"id":"abc"}',
    '{"id":[[1]]}',
    '{"id":{"$gt":0}}',
    '{"organizationId":9223372036854775808}',
    '{"status":["draft","<script>"]}',
    '{"active":"maybe"}',
    '{"__proto__":{"x":1}}',
    '{"subjectType":"evaluation","subjectId":"1 OR 1=1"}',
    '{"subjectType":"evaluation","subjectId":"99999999999999999999"}',
    '{"subjectType":"\\u0000","subjectId":"1"}',
    depth(1000, '[', ']'),
    depth(1000, '{"a":', '}'),
    `{"id":[${Array.from({ length: 5000 }, (_, i) => i + 1).join(',')}]}`,
    `{"q":"${'x'.repeat(5000)}"}`,
  ),
  hostileValue.map((v) => JSON.stringify(v) ?? ''),
  hostileString,
);

/** Filters the resources declare (an unknown one is a 400 too), for filter objects that are well-formed. */
const FILTER_KEYS = [
  'q',
  'id',
  'organizationId',
  'programId',
  'grantId',
  'evaluationId',
  'indicatorId',
  'reportingPeriodId',
  'status',
  'kind',
  'role',
  'active',
  'design',
  'level',
  'measureType',
  'strategy',
  'country',
  'subjectId',
  'entityType',
  'action',
];

// Values are cut at 500 characters: longer addresses only meet Node's own 431 (headers too large).
const queryPart = (k: string, v: string) => `${encodeText(k.slice(0, 500))}=${encodeText(v.slice(0, 500))}`;

/**
 * A list query that is well-formed apart from the values: a page that exists, at most a sortable-looking
 * field, and one filter (or the route's own parameters) with a hostile value that reaches the SQL.
 */
const plausibleQuery = (route: Route): fc.Arbitrary<string> =>
  fc
    .record({
      filter: fc.option(
        fc.tuple(
          fc.oneof({ weight: 2, arbitrary: fc.constant('q') }, fc.constantFrom(...FILTER_KEYS)),
          fc.oneof(poisoned(fc.constantFrom(...POISONS)), hostileString, hostileValue),
          // The audit log's filter for one record's history.
          fc.boolean().map((b) => b && route.path.startsWith('/api/audit-events')),
        ),
        { nil: undefined },
      ),
      sort: fc.option(fc.constantFrom('["id","ASC"]', '["name","DESC"]', '["createdAt","asc"]'), { nil: undefined }),
      range: fc.option(fc.constantFrom('[0,0]', '[0,24]', '[0,999]', '[999999,1000000]', '[2147483647,2147483647]'), {
        nil: undefined,
      }),
      params: route.params.length
        ? fc.dictionary(
            fc.constantFrom(...route.params),
            fc.oneof(hostileString, fc.constantFrom('true', 'csv', '2026')),
            {
              maxKeys: 3,
            },
          )
        : fc.constant({}),
    })
    .map(({ filter, sort, range, params }) => {
      const parts: string[] = [];
      if (filter) {
        const [key, value, asAuditSubject] = filter;
        const object = asAuditSubject ? { subjectType: 'evaluation', subjectId: value } : { [key]: value };
        parts.push(queryPart('filter', JSON.stringify(object)));
      }
      if (sort) parts.push(queryPart('sort', sort));
      if (range) parts.push(queryPart('range', range));
      for (const [k, v] of Object.entries(params)) parts.push(queryPart(k, String(v)));
      return parts.length ? `?${parts.join('&')}` : '';
    });

const absurdQuery = (): fc.Arbitrary<string> =>
  fc
    .record(
      {
        sort: absurdJson,
        range: absurdJson,
        filter: absurdJson,
        measure: fc.constantFrom('RR', 'OR', 'RD', 'rr', 'SMD', '', '<x>'),
        extra: fc.tuple(hostileString, hostileString),
        repeated: fc.constantFrom('sort', 'range', 'filter'),
        raw: fc.constantFrom('%', '%E0%A4%A', '&&&', '=x', 'a[b]=1', 'a[__proto__][x]=1', 'q=%00', '%FF%FE=1'),
      },
      { requiredKeys: [] },
    )
    .map((q) => {
      const parts: string[] = [];
      const add = (k: string, v: string) => parts.push(queryPart(k, v));
      if (q.sort !== undefined) add('sort', q.sort);
      if (q.range !== undefined) add('range', q.range);
      if (q.filter !== undefined) add('filter', q.filter);
      if (q.measure !== undefined) add('measure', q.measure);
      if (q.extra) add(q.extra[0] || 'x', q.extra[1]);
      if (q.repeated) add(q.repeated, '[]');
      if (q.raw) parts.push(q.raw);
      return parts.length ? `?${parts.join('&')}` : '';
    });

// ---------------------------------------------------------------- the suite

describe('fuzzing every route of /api/openapi.json', () => {
  let own: OwnServer;
  let routes: Route[] = [];
  const tokens: Record<string, string | null> = { anonymous: null, garbage: 'olt_0000-not-a-token' };
  /** A real id per resource (the first path segment), for reads. */
  const realIds: Record<string, number> = {};

  beforeAll(async () => {
    // A database and a server of its own (the other suites' writes would change the snapshot);
    // api() and the factories point at them for this file.
    own = await startOwnServer('fuzz');
    tokens.admin = own.adminToken;

    const ngo = await createOrganization();
    const funder = await createOrganization({ kind: 'funder' });
    const program = await createProgram(ngo.id);
    const indicator = await createIndicator();
    const grant = await createGrant(funder.id, ngo.id, [program.id]);
    const evaluation = await api<{ id: number }>(
      'POST',
      '/api/evaluations',
      evaluationInput(program.id, { grantId: grant.id, primaryIndicatorIds: [indicator.id] }),
    );
    const measurement = await api<{ id: number }>('POST', '/api/outcome-measurements', {
      evaluationId: evaluation.body.id,
      indicatorId: indicator.id,
      arm: 'treatment',
      timepoint: 'post',
      n: 100,
      events: 40,
    });
    const periods = await api<{ id: number }[]>('GET', `/api/reporting-periods?filter={"grantId":${grant.id}}`);
    const target = await api<{ id: number }>('POST', '/api/targets', {
      reportingPeriodId: periods.body[0].id,
      indicatorId: indicator.id,
      targetValue: 0.5,
    });
    const coordinator = await createUser('coordinator', ngo.id);
    const funderUser = await createUser('funder', funder.id);
    const researcher = await createUser('researcher');
    tokens.coordinator = await createToken(coordinator, 'write');
    tokens.funder = await createToken(funderUser, 'write');
    tokens.researcher = await createToken(researcher, 'write');
    tokens.readOnlyAdmin = await createToken({ ...TEST_ADMIN, id: 0, organizationId: 0, role: 'admin' }, 'read');
    for (const [what, made] of Object.entries({ evaluation, measurement, periods, target })) {
      if (made.status >= 300) throw new Error(`fuzz setup: ${what} ${made.status} ${JSON.stringify(made.body)}`);
    }
    Object.assign(realIds, {
      organizations: ngo.id,
      programs: program.id,
      indicators: indicator.id,
      grants: grant.id,
      evaluations: evaluation.body.id,
      'outcome-measurements': measurement.body.id,
      'reporting-periods': periods.body[0].id,
      targets: target.body.id,
      users: coordinator.id,
      jobs: 1,
      auth: 1,
    });

    const doc = (await api<OpenApi>('GET', '/api/openapi.json', undefined, { token: null })).body;
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        const ref = operation.requestBody?.content?.['application/json']?.schema?.$ref;
        const schema = ref ? doc.components?.schemas?.[ref.split('/').pop() ?? ''] : undefined;
        routes.push({
          method: method.toUpperCase() as Method,
          path,
          fields: Object.keys(schema?.properties ?? {}),
          params: (operation.parameters ?? [])
            .filter((p) => p.in === 'query' && !['sort', 'range', 'filter'].includes(p.name))
            .map((p) => p.name),
        });
      }
    }
    // Well-formed bodies: a real record's fields that the route's schema names (read as the admin).
    const records: Record<string, Record<string, unknown>> = {};
    for (const [resource, id] of Object.entries(realIds)) {
      const read = await api<Record<string, unknown>>('GET', `/api/${resource}/${id}`);
      if (read.status === 200) records[resource] = read.body;
    }
    for (const route of routes) {
      const record = records[route.path.split('/')[2]];
      if (route.method !== 'GET' && record && route.fields.length) {
        route.template = Object.fromEntries(route.fields.filter((f) => f in record).map((f) => [f, record[f]]));
      }
    }
    const login = routes.find((r) => r.method === 'POST' && r.path === '/api/auth/login');
    if (login) login.template = { email: TEST_ADMIN.email, password: 'not the password of anyone 2026' };
    const setPassword = routes.find((r) => r.method === 'POST' && r.path === '/api/auth/set-password');
    if (setPassword) setPassword.template = { token: 'no-such-link-token', password: 'a long enough passphrase 2026' };

    if (ROUTE_FILTER) routes = routes.filter((r) => `${r.method} ${r.path}`.includes(ROUTE_FILTER));
  }, 120_000);

  afterAll(async () => {
    const code = await own?.server.stop();
    const output = own?.server.output();
    await own?.stop();
    if (code !== 0 && code !== undefined) throw new Error(`fuzz server exited with ${code}:\n${output}`);
  });

  it('answers every hostile request below 500 with the error shape, and writes nothing', async () => {
    const suggestion = Math.floor(Math.random() * 2 ** 31);
    console.log(
      `fuzz: seed ${SEED} (FUZZ_SEED=${SEED} reproduces; try another with FUZZ_SEED=${suggestion}), ` +
        `${RUNS} requests over ${routes.length} routes${ROUTE_FILTER ? ` matching "${ROUTE_FILTER}"` : ''}`,
    );
    expect(routes.length).toBeGreaterThan(0);
    const before = await snapshotDatabase(own.database.url, { exclude: SNAPSHOT_EXCLUDE });

    const perRoute = Math.ceil(RUNS / routes.length);
    const jobs: { route: Route; request: FuzzRequest }[] = [];
    routes.forEach((route) => {
      const key = `${route.method} ${route.path}`;
      // A seed per route from the run's seed and the route's name: FUZZ_ROUTE replays the same requests.
      let routeSeed = SEED;
      for (const c of key) routeSeed = (Math.imul(routeSeed, 31) + c.charCodeAt(0)) | 0;
      for (const request of fc.sample(requestFor(route), { seed: routeSeed, numRuns: perRoute })) {
        jobs.push({ route, request });
      }
    });

    const failures: Outcome[] = [];
    const statuses = new Map<number, number>();
    let next = 0;
    const started = Date.now();
    const worker = async () => {
      while (next < jobs.length) {
        const { route, request } = jobs[next++];
        const outcome = await send(route, request);
        statuses.set(outcome.status, (statuses.get(outcome.status) ?? 0) + 1);
        if (outcome.problem) failures.push(outcome);
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    console.log(
      `fuzz: ${jobs.length} requests in ${((Date.now() - started) / 1000).toFixed(1)} s; statuses ` +
        JSON.stringify(Object.fromEntries([...statuses].sort(([a], [b]) => a - b))),
    );

    const byKind = new Map<string, Outcome[]>();
    for (const f of failures) {
      const key = `${f.route} ${f.status} ${f.problem}`;
      byKind.set(key, [...(byKind.get(key) ?? []), f]);
    }
    const report = [...byKind.values()].slice(0, 40).map(([f, ...others]) => ({
      count: others.length + 1,
      route: f.route,
      status: f.status,
      problem: f.problem,
      actor: f.request.actor,
      kind: f.request.kind,
      url: `${f.request.path}${f.request.query}`.slice(0, 300),
      contentType: f.request.contentType,
      body: String(f.request.body ?? '').slice(0, 300),
      response: f.body.slice(0, 300),
    }));
    const after = await snapshotDatabase(own.database.url, { exclude: SNAPSHOT_EXCLUDE });
    expect({ failures: failures.length, first: report }).toEqual({ failures: 0, first: [] });
    expect(after).toEqual(before);
  }, 600_000);

  function requestFor(route: Route): fc.Arbitrary<FuzzRequest> {
    const write = route.method !== 'GET';
    const resource = route.path.split('/')[2];
    const audited = !write && AUDITED_READ.test(route.path);
    // Writes and audited reads never get a real id (they could succeed and write); other reads also do.
    const ids =
      write || audited || realIds[resource] === undefined
        ? fc.constantFrom(...BAD_IDS, ...MISSING_IDS)
        : fc.oneof(fc.constantFrom(...BAD_IDS, ...MISSING_IDS), fc.constant(String(realIds[resource])));
    const actors = Object.keys(tokens);
    const hasId = route.path.includes('{');
    return fc
      .record({
        actor: fc.constantFrom(...actors),
        id: ids,
        query: write
          ? fc.oneof(fc.constant(''), absurdQuery(), plausibleQuery(route))
          : fc.oneof(absurdQuery(), plausibleQuery(route)),
        body: write ? body(route) : noBody, // fetch sends no body with GET
        // An audited read without an id is refused only for its query: one unknown parameter it must reject.
        auditedParam: fc.constantFrom('__fuzz=1', 'sort=%5B', 'range=%5B-1%2C5%5D', 'filter=%7B%22nope%22%3A1%7D'),
      })
      .map(({ actor, id, query: q, body: b, auditedParam }) => {
        let queryText = q;
        if (audited && !hasId) queryText = `${q ? `${q}&` : '?'}${auditedParam}`;
        return {
          actor,
          path: route.path.replace(/\{[^}]+\}/g, id),
          query: queryText,
          contentType: b.contentType,
          body: b.body,
          kind: b.kind,
        };
      });
  }

  async function send(route: Route, request: FuzzRequest, retried = false): Promise<Outcome> {
    const name = `${route.method} ${route.path}`;
    const headers: Record<string, string> = { accept: 'application/json' };
    const token = tokens[request.actor];
    if (token) headers.authorization = `Bearer ${token}`;
    if (request.contentType !== undefined) headers['content-type'] = request.contentType;
    const result: Outcome = { route: name, request, status: 0, problem: '', body: '' };
    try {
      const response = await fetch(`${own.server.baseUrl}${request.path}${request.query}`, {
        method: route.method,
        headers,
        body:
          route.method === 'GET' || request.body === undefined
            ? undefined
            : typeof request.body === 'string'
              ? request.body
              : new Uint8Array(request.body),
      });
      result.status = response.status;
      result.body = await response.text();
      if (response.status >= 500) result.problem = 'server error';
      else if (response.status < 300 && (route.method !== 'GET' || AUDITED_READ.test(route.path))) {
        if (!HARMLESS_WRITES.has(name)) result.problem = 'a hostile request that writes succeeded';
      } else if (response.status >= 400) {
        const parsed = parseJson(result.body) as Record<string, unknown> | undefined;
        const shaped =
          parsed &&
          parsed.statusCode === response.status &&
          typeof parsed.error === 'string' &&
          typeof parsed.code === 'string' &&
          typeof parsed.message === 'string';
        if (!shaped) result.problem = 'error without the API error shape';
      }
    } catch (error) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      // A keep-alive connection the server closed while idle (its 5 s timeout, e.g. while the samples
      // are generated) fails before the request is sent: sent again once, on a fresh connection. A
      // server that crashed or hangs up on the request fails the second time too.
      if (!retried && own.server.child.exitCode === null && cause?.code === 'UND_ERR_SOCKET') {
        return send(route, request, true);
      }
      result.problem = `no answer: ${String(error)} (${cause?.code ?? ''} ${cause?.message ?? ''})`;
    }
    return result;
  }
});

/** Percent-encodes a string's UTF-8 bytes (a lone surrogate, which encodeURIComponent refuses, becomes U+FFFD). */
function encodeText(text: string): string {
  return [...Buffer.from(text, 'utf8')]
    .map((b) =>
      /[A-Za-z0-9\-_.~]/.test(String.fromCharCode(b))
        ? String.fromCharCode(b)
        : `%${b.toString(16).toUpperCase().padStart(2, '0')}`,
    )
    .join('');
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

interface OpenApi {
  paths: Record<
    string,
    Record<
      string,
      {
        requestBody?: { content?: Record<string, { schema?: { $ref?: string } }> };
        parameters?: { name: string; in: string }[];
      }
    >
  >;
  components?: { schemas?: Record<string, { properties?: Record<string, unknown> }> };
}
