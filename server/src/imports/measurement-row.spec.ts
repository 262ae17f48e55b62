import fc from 'fast-check';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { CreateOutcomeMeasurementDto } from '../outcomes/dto/outcome-measurement.dto';
import { fastMeasurementRow, type PlainMeasurementRow } from './measurement-row';

/** What the API's DTO says of a row: valid (and its normalised values) or not. */
function viaDto(plain: PlainMeasurementRow) {
  const dto = plainToInstance(CreateOutcomeMeasurementDto, plain);
  const errors = validateSync(dto, { whitelist: true, forbidNonWhitelisted: true });
  return errors.length ? null : dto;
}

const pick = <T>(...values: T[]) => fc.constantFrom(...values);
/** Cells as the import produces them: numbers where the text was a number, else the text. */
const numberish = fc.oneof(
  fc.integer({ min: -5, max: 2_000_000_005 }),
  fc.double({ noNaN: false }),
  pick<number | string | null>(null, 0, 1, -1, 0.5, 2_000_000_000, 2_000_000_001, Infinity, -0, '12a', '', 'many'),
);
const mostlyNull = fc.oneof({ arbitrary: fc.constant(null), weight: 3 }, { arbitrary: numberish, weight: 1 });
const row = fc.record({
  evaluationId: fc.constant(7),
  indicatorId: fc.constant(3),
  arm: pick('treatment', 'comparison', 'single', 'Treatment', '', 'control'),
  timepoint: pick('baseline', 'post', 'follow_up', 'pre', ''),
  sex: pick('total', 'female', 'male', 'other', 'f', ''),
  ageBand: pick('total', 'under_12', '12_14', '15_17', '18_plus', '12-14'),
  region: fc.oneof(
    pick('total', 'TOTAL', ' total ', 'PH', 'ph-00', 'PH-ABC', 'PH-ABCD', 'P', 'PHL', ' co-dc ', '', 'PH-'),
    fc.string({ maxLength: 8 }),
  ),
  n: numberish,
  events: fc.oneof({ arbitrary: fc.nat(500), weight: 2 }, { arbitrary: numberish, weight: 1 }),
  mean: mostlyNull,
  sd: mostlyNull,
  value: mostlyNull,
  timepointLabel: fc.oneof(pick('', '6-month follow-up', ' padded '), fc.string({ maxLength: 120 })),
  measuredOn: pick(null, '2026-02-28', '2026-02-30', '2026-2-1', '2024-02-29', '2025-02-29', 'yesterday'),
});

describe('the import’s fast row check agrees with the API’s DTO', () => {
  it('accepts exactly the rows the DTO accepts, with the same normalised values', () => {
    let accepted = 0;
    fc.assert(
      fc.property(row, (plain) => {
        const dto = viaDto(plain);
        const fast = fastMeasurementRow(plain);
        expect(fast === null).toBe(dto === null);
        if (fast && dto) {
          accepted++;
          expect(fast).toEqual({
            arm: dto.arm,
            timepoint: dto.timepoint,
            sex: dto.sex,
            ageBand: dto.ageBand,
            region: dto.region,
            n: dto.n,
            events: dto.events ?? null,
            mean: dto.mean ?? null,
            sd: dto.sd ?? null,
            value: dto.value ?? null,
            timepointLabel: dto.timepointLabel ?? '',
            measuredOn: dto.measuredOn ?? null,
          });
        }
      }),
      { numRuns: 20_000, seed: 20261128 },
    );
    expect(accepted).toBeGreaterThan(100); // both sides of the agreement were exercised
  });

  it('accepts a plain valid row and refuses a broken one (the property is not vacuous)', () => {
    const valid = {
      evaluationId: 7,
      indicatorId: 3,
      arm: 'treatment',
      timepoint: 'post',
      sex: 'total',
      ageBand: 'total',
      region: 'ph-00',
      n: 120,
      events: 30,
      mean: null,
      sd: null,
      value: null,
      timepointLabel: ' 6-month ',
      measuredOn: null,
    };
    expect(fastMeasurementRow(valid)).toMatchObject({ region: 'PH-00', timepointLabel: '6-month', events: 30 });
    expect(fastMeasurementRow({ ...valid, n: 0 })).toBeNull();
    expect(fastMeasurementRow({ ...valid, events: 1.5 })).toBeNull();
  });
});
