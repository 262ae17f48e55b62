import 'reflect-metadata';
import { ValidationFailedError } from './errors';
import { HttpErrorFilter } from './http-error.filter';
import { buildValidationPipe, findUnstorableText, MAX_NESTING_DEPTH, nestingDepth } from './validation';
import { CreateProgramDto } from '../programs/dto/program.dto';

const nested = (levels: number): unknown => JSON.parse(`${'['.repeat(levels)}1${']'.repeat(levels)}`) as unknown;

describe('nestingDepth', () => {
  it('counts object and array levels, scalars being 0', () => {
    expect(nestingDepth(1)).toBe(0);
    expect(nestingDepth(null)).toBe(0);
    expect(nestingDepth({})).toBe(1);
    expect(nestingDepth({ a: [1, { b: 2 }] })).toBe(3);
    expect(nestingDepth(nested(10))).toBe(10);
  });

  it('stops counting past the limit, without recursion, also at 100 000 levels', () => {
    expect(nestingDepth(nested(100_000))).toBe(MAX_NESTING_DEPTH + 1);
  });
});

describe('the validation pipe and deep bodies (found by the fuzzing suite)', () => {
  const pipe = buildValidationPipe();

  it('answers a body nested deeper than the limit with a 400 too_deep, not a stack overflow', async () => {
    for (const body of [nested(100_000), { name: nested(MAX_NESTING_DEPTH + 1) }]) {
      const error: unknown = await pipe
        .transform(body, { type: 'body', metatype: CreateProgramDto })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationFailedError);
      expect(new HttpErrorFilter().toBody(error)).toEqual({
        statusCode: 400,
        error: 'Bad Request',
        code: 'too_deep',
        message: `The request body is nested more than ${MAX_NESTING_DEPTH} levels deep`,
        details: [{ field: 'body', message: `is nested more than ${MAX_NESTING_DEPTH} levels deep`, code: 'too_deep' }],
      });
    }
  });

  it('still validates bodies within the limit field by field', async () => {
    const error: unknown = await pipe
      .transform({ name: nested(MAX_NESTING_DEPTH - 1) }, { type: 'body', metatype: CreateProgramDto })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationFailedError);
    expect((error as ValidationFailedError).code).toBe('validation_failed');
  });
});

describe('U+0000 in requests (found by the fuzzing suite: PostgreSQL refused it at the INSERT, a 500)', () => {
  const pipe = buildValidationPipe();

  it('finds the first string or key holding it, with its path', () => {
    expect(findUnstorableText({ a: 'ok', b: ['x', 'y\u0000'] })).toMatchObject({
      at: 'b[1]',
      problem: 'nul_character',
    });
    expect(findUnstorableText({ 'k\u0000': 1 })).toMatchObject({ at: 'k\u0000', problem: 'nul_character' });
    expect(findUnstorableText('a\u0000', 'format')).toMatchObject({ at: 'format', problem: 'nul_character' });
    expect(findUnstorableText({ a: 'ok', b: [1, null, { c: 'fine' }] })).toBeUndefined();
  });

  it('is a 400 nul_character naming the field, in bodies, queries and route parameters', async () => {
    const cases: [unknown, Parameters<typeof pipe.transform>[1], string][] = [
      [{ name: 'a\u0000b' }, { type: 'body', metatype: CreateProgramDto }, 'name'],
      [{ q: '\u0000' }, { type: 'query' }, 'q'],
      ['csv\u0000', { type: 'query', data: 'format' }, 'format'],
      ['1\u0000', { type: 'param', data: 'id' }, 'id'],
    ];
    for (const [value, metadata, field] of cases) {
      const error: unknown = await pipe.transform(value, metadata).catch((e: unknown) => e);
      expect(new HttpErrorFilter().toBody(error)).toEqual({
        statusCode: 400,
        error: 'Bad Request',
        code: 'validation_failed',
        message: `${field}: must not contain the character U+0000`,
        details: [{ field, message: 'must not contain the character U+0000', code: 'nul_character' }],
      });
    }
  });
});

describe('lone UTF-16 surrogates in requests (the driver stored them as U+FFFD: text changed silently)', () => {
  const pipe = buildValidationPipe();

  it('finds half a pair, in values and keys, and accepts whole pairs', () => {
    expect(findUnstorableText({ a: 'ok', b: ['x\uD800y'] })).toMatchObject({ at: 'b[0]', problem: 'lone_surrogate' });
    expect(findUnstorableText({ ['k\uDC00']: 1 })).toMatchObject({ at: 'k\uDC00', problem: 'lone_surrogate' });
    expect(findUnstorableText('ends with \uD83D', 'q')).toMatchObject({ at: 'q', problem: 'lone_surrogate' });
    expect(findUnstorableText({ a: 'emoji 😀 and 𝔸, RTL \u200F, é' })).toBeUndefined();
    expect(findUnstorableText({ a: '\u0000\uD800' })).toMatchObject({ at: 'a', problem: 'nul_character' });
  });

  it('is a 400 lone_surrogate naming the field', async () => {
    const error: unknown = await pipe
      .transform({ name: 'School \uDE00 sessions' }, { type: 'body', metatype: CreateProgramDto })
      .catch((e: unknown) => e);
    expect(new HttpErrorFilter().toBody(error)).toMatchObject({
      statusCode: 400,
      code: 'validation_failed',
      details: [{ field: 'name', code: 'lone_surrogate' }],
    });
  });
});

describe("characters XML 1.0 cannot hold (issue 17: one program name broke its funder's IATI file)", () => {
  const pipe = buildValidationPipe();

  it('finds C0 controls but tab, LF and CR, and U+FFFE, U+FFFF; accepts the rest of Unicode', () => {
    for (const bad of ['\u0001', '\u0007', '\u0008', '\u000B', '\u000C', '\u000E', '\u001F', '\uFFFE', '\uFFFF']) {
      expect(findUnstorableText({ name: `a${bad}b` })).toMatchObject({ at: 'name', problem: 'invalid_character' });
    }
    expect(findUnstorableText({ a: 'tab\t, lines\n\r, \u007F \u0085 \uE000 \uFFFD 😀 \u{10FFFF}' })).toBeUndefined();
    expect(findUnstorableText({ a: 'bell \u0007' })?.message).toContain('U+0007');
  });

  it('is a 400 invalid_character naming the field, in nested bodies and queries', async () => {
    const body = { name: 'School', activities: ['ok', 'bell \u0007'] };
    const error: unknown = await pipe
      .transform(body, { type: 'body', metatype: CreateProgramDto })
      .catch((e: unknown) => e);
    expect(new HttpErrorFilter().toBody(error)).toMatchObject({
      statusCode: 400,
      details: [{ field: 'activities[1]', code: 'invalid_character' }],
    });
    const query: unknown = await pipe
      .transform({ filter: '{"q":"\uFFFE"}' }, { type: 'query', metatype: Object })
      .catch((e: unknown) => e);
    expect(new HttpErrorFilter().toBody(query)).toMatchObject({
      statusCode: 400,
      details: [{ field: 'filter', code: 'invalid_character' }],
    });
  });
});
