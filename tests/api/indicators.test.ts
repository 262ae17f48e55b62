import { api, ErrorBody, listQuery, unique } from '../support/api';
import { createToken, createUser } from '../support/sessions';

interface Indicator {
  id: number;
  code: string;
  name: string;
  measureType: string;
  rateBase: number | null;
  minValue: number | null;
  maxValue: number | null;
  sdgTarget: string | null;
  active: boolean;
  version: number;
}

const code = () =>
  `T-${unique('x')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .toUpperCase()}`;

describe('indicator library API', () => {
  it('creates an indicator with a normalised code and reads it back', async () => {
    const raw = code().toLowerCase();
    const created = await api<Indicator>('POST', '/api/indicators', {
      code: `  ${raw} `,
      name: 'Students who can name three recruitment tactics',
      level: 'outcome',
      measureType: 'proportion',
      unit: 'share of students',
      direction: 'increase',
      minValue: 0,
      maxValue: 1,
      sdgTarget: '16.2',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      code: raw.toUpperCase(),
      sdgTarget: '16.2',
      rateBase: null,
      active: true,
      version: 1,
    });
    expect((await api<Indicator>('GET', `/api/indicators/${created.body.id}`)).body).toEqual(created.body);
  });

  it('refuses a duplicate code with 409', async () => {
    const body = {
      code: code(),
      name: 'Officers trained',
      level: 'output',
      measureType: 'count',
      direction: 'increase',
    };
    expect((await api('POST', '/api/indicators', body)).status).toBe(201);
    const duplicate = await api<ErrorBody>('POST', '/api/indicators', body);
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.message).toContain('already exists');
  });

  it.each([
    [{ code: 'edu recog 01' }, 'code'],
    [{ level: 'input' }, 'level'],
    [{ measureType: 'median' }, 'measureType'],
    [{ direction: 'up' }, 'direction'],
    [{ sdgTarget: '1.1' }, 'sdgTarget'],
    [{ minValue: 'low' }, 'minValue'],
    [{ minValue: 5, maxValue: 1 }, 'maxValue'],
    [{ measureType: 'proportion', maxValue: 100 }, 'maxValue'],
  ])('refuses %j naming %s', async (change, field) => {
    const response = await api<ErrorBody>('POST', '/api/indicators', {
      code: code(),
      name: 'Bad indicator',
      level: 'outcome',
      measureType: 'mean',
      direction: 'increase',
      ...change,
    });
    expect(response.status).toBe(400);
    expect(response.body.details?.map((d) => d.field)).toContain(field);
  });

  it('filters by level, measure type, SDG target and active, and everyone may read', async () => {
    const tag = unique('filterable');
    const active = await api<Indicator>('POST', '/api/indicators', {
      code: code(),
      name: `${tag} rate`,
      level: 'impact',
      measureType: 'rate',
      rateBase: 1000,
      direction: 'decrease',
      sdgTarget: '8.7',
    });
    const inactive = await api<Indicator>('POST', '/api/indicators', {
      code: code(),
      name: `${tag} count`,
      level: 'output',
      measureType: 'count',
      direction: 'increase',
      active: false,
    });
    const researcher = await createToken(await createUser('researcher'), 'read');
    const ids = async (filter: object) =>
      (
        await api<Indicator[]>('GET', `/api/indicators${listQuery({ filter: { q: tag, ...filter } })}`, undefined, {
          token: researcher,
        })
      ).body
        .map((i) => i.id)
        .sort();
    expect(await ids({})).toEqual([active.body.id, inactive.body.id].sort());
    expect(await ids({ level: 'impact' })).toEqual([active.body.id]);
    expect(await ids({ measureType: 'count' })).toEqual([inactive.body.id]);
    expect(await ids({ sdgTarget: '8.7' })).toEqual([active.body.id]);
    expect(await ids({ active: false })).toEqual([inactive.body.id]);
    expect(await ids({ active: 'true' })).toEqual([active.body.id]);
    const bad = await api<ErrorBody>('GET', `/api/indicators${listQuery({ filter: { active: 'yes' } })}`);
    expect(bad.status).toBe(400);
  });

  it('deactivates with a version check', async () => {
    const created = await api<Indicator>('POST', '/api/indicators', {
      code: code(),
      name: 'To deactivate',
      level: 'output',
      measureType: 'count',
      direction: 'increase',
    });
    const updated = await api<Indicator>('PUT', `/api/indicators/${created.body.id}`, { version: 1, active: false });
    expect(updated.body).toMatchObject({ active: false, version: 2 });
    expect((await api('PUT', `/api/indicators/${created.body.id}`, { version: 1, active: true })).status).toBe(409);
  });

  it('keeps a context series by year, sorted, and refuses a repeated year or a bad value', async () => {
    const created = await api<Indicator & { contextSeries: { year: number; value: number }[]; contextSource: string }>(
      'POST',
      '/api/indicators',
      {
        code: code(),
        name: 'Tips received by the national hotline',
        level: 'impact',
        measureType: 'count',
        direction: 'increase',
        contextSeries: [
          { year: 2000, value: 19276 },
          { year: 1998, value: 4578 },
          { year: 1999, value: 9673 },
        ],
        contextSource: '  Hotline tip counts as cited in the field’s report ',
      },
    );
    expect(created.status).toBe(201);
    expect(created.body.contextSeries).toEqual([
      { year: 1998, value: 4578 },
      { year: 1999, value: 9673 },
      { year: 2000, value: 19276 },
    ]);
    expect(created.body.contextSource).toBe('Hotline tip counts as cited in the field’s report');
    const id = created.body.id;

    const repeated = await api<ErrorBody>('PUT', `/api/indicators/${id}`, {
      version: 1,
      contextSeries: [
        { year: 2001, value: 1 },
        { year: 2001, value: 2 },
      ],
    });
    expect(repeated.status).toBe(400);
    expect(repeated.body.details).toEqual([
      { field: 'contextSeries', message: 'has year 2001 more than once', code: 'duplicate_year' },
    ]);
    for (const contextSeries of [
      [{ year: 1850, value: 1 }],
      [{ year: 1999.5, value: 1 }],
      [{ year: 1999, value: 'many' }],
      [{ year: 1999 }],
      'not a list',
      Array.from({ length: 201 }, (_, i) => ({ year: 1900 + i, value: i })),
    ]) {
      const refused = await api<ErrorBody>('PUT', `/api/indicators/${id}`, { version: 1, contextSeries });
      expect({ contextSeries, status: refused.status }).toEqual({ contextSeries, status: 400 });
      expect(refused.body.details?.[0].field).toMatch(/^contextSeries/);
    }
    // Nothing above was written.
    const stored = await api<Indicator & { contextSeries: unknown[] }>('GET', `/api/indicators/${id}`);
    expect(stored.body).toMatchObject({ version: 1, contextSeries: created.body.contextSeries });

    const cleared = await api<Indicator & { contextSeries: unknown[] }>('PUT', `/api/indicators/${id}`, {
      version: 1,
      contextSeries: [],
      contextSource: null,
    });
    expect(cleared.body).toMatchObject({ version: 2, contextSeries: [], contextSource: null });
  });

  describe('a rate’s base (rateBase)', () => {
    const rate = (change: object = {}) => ({
      code: code(),
      name: 'Substantiated child-abuse reports per 1,000 children',
      level: 'impact',
      measureType: 'rate',
      unit: 'per 1,000 children per year',
      direction: 'decrease',
      ...change,
    });

    it('is required for a rate and returned when given', async () => {
      const missing = await api<ErrorBody>('POST', '/api/indicators', rate());
      expect(missing.status).toBe(400);
      expect(missing.body.details).toEqual([
        { field: 'rateBase', message: 'is required for a rate: 1, 100, 1000 or 100000', code: 'required' },
      ]);
      expect(
        (await api<ErrorBody>('POST', '/api/indicators', rate({ rateBase: null }))).body.details?.[0],
      ).toMatchObject({ field: 'rateBase', code: 'required' });
      for (const rateBase of [1, 100, 1000, 100000]) {
        const created = await api<Indicator>('POST', '/api/indicators', rate({ rateBase }));
        expect(created.status).toBe(201);
        expect(created.body.rateBase).toBe(rateBase);
        expect((await api<Indicator>('GET', `/api/indicators/${created.body.id}`)).body.rateBase).toBe(rateBase);
      }
    });

    it.each([10, 10000, 0, -100, 1000.5, '1000', 'per 1,000', true])(
      'refuses the base %j naming rateBase',
      async (rateBase) => {
        const response = await api<ErrorBody>('POST', '/api/indicators', rate({ rateBase }));
        expect(response.status).toBe(400);
        expect(response.body.details).toEqual([
          { field: 'rateBase', message: 'must be one of 1, 100, 1000, 100000', code: 'is_in' },
        ]);
      },
    );

    it.each(['proportion', 'mean', 'count'])('refuses a base for a %s', async (measureType) => {
      const response = await api<ErrorBody>('POST', '/api/indicators', rate({ measureType, rateBase: 100, unit: '' }));
      expect(response.status).toBe(400);
      expect(response.body.details).toEqual([
        {
          field: 'rateBase',
          message: `must be empty for a ${measureType} (only a rate has a base)`,
          code: 'not_used_by_measure_type',
        },
      ]);
    });

    it('keeps the measure type and the base consistent on update', async () => {
      const count = await api<Indicator>('POST', '/api/indicators', rate({ measureType: 'count', unit: 'reports' }));
      expect(count.body).toMatchObject({ measureType: 'count', rateBase: null });
      const id = count.body.id;
      const noBase = await api<ErrorBody>('PUT', `/api/indicators/${id}`, { version: 1, measureType: 'rate' });
      expect(noBase.status).toBe(400);
      expect(noBase.body.details).toEqual([
        { field: 'rateBase', message: 'is required for a rate: 1, 100, 1000 or 100000', code: 'required' },
      ]);
      const baseOnly = await api<ErrorBody>('PUT', `/api/indicators/${id}`, { version: 1, rateBase: 1000 });
      expect(baseOnly.status).toBe(400);
      expect(baseOnly.body.details?.[0]).toMatchObject({ field: 'rateBase', code: 'not_used_by_measure_type' });
      expect((await api<Indicator>('GET', `/api/indicators/${id}`)).body).toMatchObject({ version: 1, rateBase: null });

      const toRate = await api<Indicator>('PUT', `/api/indicators/${id}`, {
        version: 1,
        measureType: 'rate',
        rateBase: 100000,
      });
      expect(toRate.body).toMatchObject({ measureType: 'rate', rateBase: 100000, version: 2 });
      const cleared = await api<ErrorBody>('PUT', `/api/indicators/${id}`, { version: 2, rateBase: null });
      expect(cleared.status).toBe(400);
      expect(cleared.body.details?.[0]).toMatchObject({ field: 'rateBase', code: 'required' });
      const rebased = await api<Indicator>('PUT', `/api/indicators/${id}`, { version: 2, rateBase: 1000 });
      expect(rebased.body).toMatchObject({ measureType: 'rate', rateBase: 1000, version: 3 });
      const contradictory = await api<ErrorBody>('PUT', `/api/indicators/${id}`, {
        version: 3,
        measureType: 'count',
        rateBase: 1000,
      });
      expect(contradictory.status).toBe(400);
      expect(contradictory.body.details?.[0]).toMatchObject({ field: 'rateBase', code: 'not_used_by_measure_type' });
      // Leaving rate without naming the base clears it: a base means nothing for a count.
      const toCount = await api<Indicator>('PUT', `/api/indicators/${id}`, { version: 3, measureType: 'count' });
      expect(toCount.body).toMatchObject({ measureType: 'count', rateBase: null, version: 4 });
    });
  });
});
