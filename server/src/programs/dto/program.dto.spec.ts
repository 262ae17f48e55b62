import 'reflect-metadata';
import { ValidationFailedError } from '../../common/errors';
import { buildValidationPipe } from '../../common/validation';
import { CreateProgramDto, UpdateProgramDto } from './program.dto';

const pipe = buildValidationPipe();

async function validate(metatype: new () => object, body: unknown): Promise<Record<string, unknown>> {
  return (await pipe.transform(body, { type: 'body', metatype })) as Record<string, unknown>;
}

async function problems(metatype: new () => object, body: unknown): Promise<Record<string, string>> {
  try {
    await validate(metatype, body);
  } catch (err) {
    expect(err).toBeInstanceOf(ValidationFailedError);
    return Object.fromEntries((err as ValidationFailedError).details!.map((d) => [d.field, d.message]));
  }
  throw new Error('expected validation to fail');
}

const VALID = {
  organizationId: 1,
  name: '  School curriculum  ',
  strategy: 'educate_potential_victims',
  setting: 'school',
  startDate: '2026-01-31',
  countries: ['ph', 'BR'],
  activities: [' Sessions '],
};

describe('CreateProgramDto', () => {
  it('accepts a valid program and normalises it', async () => {
    const dto = await validate(CreateProgramDto, VALID);
    expect(dto).toBeInstanceOf(CreateProgramDto);
    expect(dto.name).toBe('School curriculum');
    expect(dto.countries).toEqual(['PH', 'BR']);
    expect(dto.activities).toEqual(['Sessions']);
  });

  it('names every missing required field', async () => {
    const found = await problems(CreateProgramDto, {});
    expect(found).toEqual({
      name: 'is required',
      setting: 'is required',
      startDate: 'is required',
      strategy: 'is required',
    });
  });

  it.each([
    [{ organizationId: '1' }, 'organizationId'],
    [{ strategy: 'abstinence' }, 'strategy'],
    [{ setting: 'beach' }, 'setting'],
    [{ startDate: '2026-02-30' }, 'startDate'],
    [{ startDate: '31/01/2026' }, 'startDate'],
    [{ countries: ['XX'] }, 'countries'],
    [{ countries: 'PH' }, 'countries'],
    [{ countries: ['PH', 'PH'] }, 'countries'],
    [{ targetPopulations: ['aliens'] }, 'targetPopulations'],
    [{ status: null }, 'status'],
    [{ activities: ['ok', ''] }, 'activities'],
    [{ activities: ['x'.repeat(501)] }, 'activities'],
    [{ name: 'x'.repeat(201) }, 'name'],
    [{ name: '   ' }, 'name'],
    [{ childName: 'Ana' }, 'childName'],
  ])('rejects %j on %s', async (change, field) => {
    const found = await problems(CreateProgramDto, { ...VALID, ...change });
    expect(found[field]).toBeDefined();
  });

  it('stores a cleared summary as empty text', async () => {
    expect((await validate(CreateProgramDto, { ...VALID, summary: null })).summary).toBe('');
  });
});

describe('UpdateProgramDto', () => {
  it('requires the version that was read', async () => {
    expect((await problems(UpdateProgramDto, { name: 'x' })).version).toBeDefined();
  });

  it('accepts the read-only fields react-admin echoes back', async () => {
    const dto = await validate(UpdateProgramDto, { id: 3, version: 2, createdAt: 'x', updatedAt: 'y', name: 'n' });
    expect(dto.version).toBe(2);
  });

  it('refuses null for a required field instead of failing in the database', async () => {
    expect((await problems(UpdateProgramDto, { version: 1, name: null })).name).toBeDefined();
    expect((await problems(UpdateProgramDto, { version: 1, startDate: null })).startDate).toBeDefined();
  });

  it('lets the end date be cleared', async () => {
    expect((await validate(UpdateProgramDto, { version: 1, endDate: null })).endDate).toBeNull();
  });
});
