import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { ValidationFailedError } from '../common/errors';
import { RATE_BASE_FROM_TEXT } from '../database/migrations/1765300000000-IndicatorRateBase';
import { rateBaseCell } from '../imports/indicator-import';
import { Indicator } from '../database/entities/indicator.entity';
import { checkIndicatorRules, INDICATOR_DEFAULTS, mergeIndicatorChanges } from './indicators.service';

const indicator = (fields: Partial<Indicator>) =>
  Object.assign(new Indicator(), { ...INDICATOR_DEFAULTS, measureType: 'count', ...fields });

const problem = (fields: Partial<Indicator>) => {
  try {
    checkIndicatorRules(indicator(fields));
    return undefined;
  } catch (error) {
    if (!(error instanceof ValidationFailedError)) throw error;
    return error.details?.[0];
  }
};

describe('an indicator’s rate base', () => {
  it('is required for a rate and refused for every other measure type', () => {
    expect(problem({ measureType: 'rate' })).toEqual({
      field: 'rateBase',
      message: 'is required for a rate: 1, 100, 1000 or 100000',
      code: 'required',
    });
    expect(problem({ measureType: 'rate', rateBase: 1000 })).toBeUndefined();
    expect(problem({ measureType: 'count' })).toBeUndefined();
    for (const measureType of ['proportion', 'mean', 'count'] as const) {
      expect(problem({ measureType, rateBase: 100 })).toMatchObject({
        field: 'rateBase',
        code: 'not_used_by_measure_type',
      });
    }
  });

  it('follows the measure type on update: leaving rate clears it, an explicit base is kept and checked', () => {
    expect(
      mergeIndicatorChanges(indicator({ measureType: 'rate', rateBase: 1000 }), { measureType: 'count' }),
    ).toMatchObject({ measureType: 'count', rateBase: null });
    expect(
      mergeIndicatorChanges(indicator({ measureType: 'rate', rateBase: 1000 }), {
        measureType: 'count',
        rateBase: 1000,
      }),
    ).toMatchObject({ measureType: 'count', rateBase: 1000 });
    expect(mergeIndicatorChanges(indicator({ measureType: 'rate', rateBase: 1000 }), { name: 'x' })).toMatchObject({
      measureType: 'rate',
      rateBase: 1000,
    });
    expect(mergeIndicatorChanges(indicator({ measureType: 'count' }), { measureType: 'rate' })).toMatchObject({
      measureType: 'rate',
      rateBase: null,
    });
  });

  it.each([
    [undefined, null],
    ['', null],
    [' 1000 ', 1000],
    ['1,000', 1000],
    ['100 000', 100000],
    ['100000', 100000],
    ['1e3', 1000],
    ['100.0', 100],
    ['10,00', '10,00'],
    ['per 1000', 'per 1000'],
  ])('reads the import cell %j as %j', (cell, expected) => {
    expect(rateBaseCell(cell)).toEqual(expected);
  });
});

describe('the migration’s reading of an existing rate’s base', () => {
  let db: DataSource;

  beforeAll(async () => {
    db = new DataSource({ type: 'postgres', url: process.env.TEST_DATABASE_URL });
    await db.initialize();
  });

  afterAll(async () => {
    await db?.destroy();
  });

  it.each([
    ['per 1,000 children per year', 'Substantiated child-abuse reports per 1,000 children', 1000],
    ['per 1 000 children', '', 1000],
    ['per 1000', '', 1000],
    ['Per 1.000 niños', '', 1000],
    ['per\u00a01\u202f000', '', 1000],
    ['per 100,000 population', '', 100000],
    ['per 100 000', '', 100000],
    ['per 100000', '', 100000],
    ['per 100 students', '', 100],
    ['%', '', 100],
    ['', 'Arrests per 100 officers', 100],
    // Unit and name disagree: the larger base (fewer implied events) is the safe reading.
    ['per 100', 'Reports per 1,000 children', 1000],
    // Nothing recognisable: the largest base.
    ['', 'Hotline calls rate', 100000],
    ['per 10,000', '', 100000],
    ['per 1,000,000', '', 100000],
    ['per 1 000 000 inhabitants', '', 100000],
    ['per 100, 2020 survey', '', 100],
    ['paper 100', '', 100000],
  ])('reads unit %j, name %j as %j', async (unit, name, expected) => {
    const [row] = await db.query<{ base: number }[]>(
      `SELECT ${RATE_BASE_FROM_TEXT} AS base FROM (SELECT $1::text AS unit, $2::text AS name) t`,
      [unit, name],
    );
    expect(row.base).toBe(expected);
  });
});
