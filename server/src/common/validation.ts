import {
  ArgumentMetadata,
  createParamDecorator,
  ExecutionContext,
  ValidationError,
  ValidationPipe,
} from '@nestjs/common';
import type { Request } from 'express';
import { Transform } from 'class-transformer';
import { registerDecorator, ValidateIf, ValidationOptions } from 'class-validator';
import { textProblem, type TextProblem } from '../vocabulary/text';
import { FieldProblem, ValidationFailedError } from './errors';

function flatten(errors: ValidationError[], prefix = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const rules = Object.keys(error.constraints ?? {});
    const messages = Object.values(error.constraints ?? {}).map((message) => stripField(message, error));
    // A missing field gets one clear message instead of every rule it cannot meet.
    const unknown = messages.includes('is not a known field');
    const own =
      messages.length === 0
        ? []
        : error.value === undefined && !unknown
          ? [{ field, message: 'is required', code: 'required' }]
          : [{ field, message: messages.join('; '), code: unknown ? 'unknown_field' : snakeCase(rules[0]) }];
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/** class-validator's rule names (isInt, arrayMaxSize) as stable snake-case codes (is_int, array_max_size). */
function snakeCase(rule: string): string {
  return rule.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}

/** class-validator prefixes messages with the property name; `details` already names the field. */
function stripField(message: string, error: ValidationError): string {
  if (message.startsWith('property ') && message.endsWith(' should not exist')) {
    return 'is not a known field';
  }
  return message.startsWith(`${error.property} `) ? message.slice(error.property.length + 1) : message;
}

/** How deeply a request body or query may nest objects and arrays; no DTO comes close (contextSeries is 2). */
export const MAX_NESTING_DEPTH = 32;

/**
 * How deeply `value` nests objects and arrays (a scalar is 0, `{}` and `[]` are 1), counted without
 * recursion and only up to `limit + 1`, so a 100 000-level body costs no stack and little time.
 */
export function nestingDepth(value: unknown, limit = MAX_NESTING_DEPTH): number {
  return walk(value, limit).depth;
}

type TextFound = { code: TextProblem; message: string };

/** The path and reason of the first string (value or key) in `value` that cannot be stored as sent. */
export function findUnstorableText(
  value: unknown,
  root = '',
): { at: string; problem: TextProblem; message: string } | undefined {
  const found = walk(value, Number.POSITIVE_INFINITY, root);
  return found.problem ? { at: found.at!, problem: found.problem.code, message: found.problem.message } : undefined;
}

/**
 * One iterative pass: nesting depth (stopping past `limit`) and the first string that cannot be
 * stored as sent (U+0000, a lone surrogate, a character XML cannot hold).
 */
function walk(value: unknown, limit: number, root = ''): { depth: number; at?: string; problem?: TextFound } {
  let deepest = 0;
  const stack: [unknown, number, string][] = [[value, 0, root]];
  while (stack.length > 0) {
    const [current, depth, path] = stack.pop() as [unknown, number, string];
    if (typeof current === 'string') {
      const problem = textProblem(current);
      if (problem) return { depth: deepest, at: path || root, problem };
      continue;
    }
    if (current === null || typeof current !== 'object') continue;
    const level = depth + 1;
    if (level > deepest) deepest = level;
    if (deepest > limit) return { depth: deepest };
    const isArray = Array.isArray(current);
    for (const [key, child] of Object.entries(current as Record<string, unknown>)) {
      const childPath = isArray ? `${path}[${key}]` : path ? `${path}.${key}` : key;
      const problem = textProblem(key);
      if (problem) return { depth: deepest, at: childPath, problem };
      if (child !== null && (typeof child === 'object' || typeof child === 'string')) {
        stack.push([child, level, childPath]);
      }
    }
  }
  return { depth: deepest };
}

/**
 * A body or query nested deeper than MAX_NESTING_DEPTH is a 400 (`too_deep`) before class-transformer
 * and class-validator, which recurse over it and would exhaust the stack (a 500) on a few thousand levels.
 */
export function assertNotTooDeep(value: unknown, where: string): void {
  if (nestingDepth(value) > MAX_NESTING_DEPTH) {
    const message = `is nested more than ${MAX_NESTING_DEPTH} levels deep`;
    throw new ValidationFailedError(`The request ${where} ${message}`, [
      { field: where, message, code: 'too_deep' },
    ]).withCode('too_deep');
  }
}

/**
 * Text that cannot be stored as sent is a 400 naming the field, in every body, query and route
 * parameter (so in every text field of every DTO, and in list filters): U+0000 (PostgreSQL refused it
 * only at the INSERT or in a search, a 500), lone UTF-16 surrogates (which the driver silently
 * replaced with U+FFFD: the stored text would differ from what was acknowledged), and the other
 * characters XML 1.0 cannot hold (`invalid_character`: one program name made its funder's IATI file
 * not well-formed, issue 17).
 */
export function assertStorableText(value: unknown, root = ''): void {
  const found = findUnstorableText(value, root);
  if (found) throw ValidationFailedError.forField(found.at || 'body', found.message, found.problem);
}

class LedgerValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' || metadata.type === 'query') assertNotTooDeep(value, metadata.type);
    if (metadata.type === 'body' || metadata.type === 'query' || metadata.type === 'param') {
      assertStorableText(value, metadata.type === 'body' ? '' : (metadata.data ?? ''));
    }
    return super.transform(value, metadata) as Promise<unknown>;
  }
}

/** The global pipe: nesting limit, storable text (no U+0000, no characters XML cannot hold), whitelist, forbid unknown fields, transform; errors list every field. */
export function buildValidationPipe(): ValidationPipe {
  return new LedgerValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: true },
    exceptionFactory: (errors: ValidationError[]) => {
      const details = flatten(errors);
      const message =
        details.length === 1
          ? `${details[0].field} ${details[0].message}`
          : `${details.length} fields are invalid: ${[...new Set(details.map((d) => d.field))].join(', ')}`;
      return new ValidationFailedError(message, details);
    },
  });
}

/** Parses a route id: a positive 32-bit integer; anything else is a 400 naming the parameter. */
export function parseId(value: unknown, name = 'id'): number {
  const text = typeof value === 'string' ? value : '';
  if (!/^\d{1,10}$/.test(text) || Number(text) < 1 || Number(text) > 2147483647) {
    throw ValidationFailedError.forField(
      name,
      `"${text.slice(0, 40)}" is not a valid id; ids are positive whole numbers`,
    );
  }
  return Number(text);
}

/**
 * `@IdParam()` — the `:id` route parameter as a number. A custom decorator rather than a pipe,
 * so the global ValidationPipe does not coerce "abc" to NaN before we can name the bad value.
 */
export const IdParam = createParamDecorator((name: string | undefined, ctx: ExecutionContext): number => {
  const key = name ?? 'id';
  return parseId(ctx.switchToHttp().getRequest<Request>().params[key], key);
});

/** A calendar date `YYYY-MM-DD` that exists (no 2025-02-30). */
export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name: 'isCalendarDate',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: 'must be a calendar date in the form YYYY-MM-DD', ...options },
      validator: {
        validate(value: unknown): boolean {
          if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
          const date = new Date(`${value}T00:00:00Z`);
          return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
        },
      },
    });
  };
}

/** Trims strings; leaves other values for the type validators to reject. */
export const Trim = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));

/** Trims each string of an array (logic-model items). */
export const TrimEach = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) =>
    Array.isArray(value) ? value.map((v: unknown) => (typeof v === 'string' ? v.trim() : v)) : value,
  );

/** Upper-cases a string or each string of an array (country codes). */
export const UpperCase = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) => {
    if (typeof value === 'string') return value.toUpperCase();
    if (Array.isArray(value)) return value.map((v: unknown) => (typeof v === 'string' ? v.toUpperCase() : v));
    return value;
  });

/** May be left out, but not sent as null (for fields stored NOT NULL). */
export const Omittable = (): PropertyDecorator => ValidateIf((_: object, value: unknown) => value !== undefined);

/** A cleared text input (react-admin sends null) means the empty text. */
export const NullAsEmpty = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) => (value === null ? '' : value));

/** The message for an enum field: the allowed values, spelled out. */
export const oneOf = (values: readonly string[]): ValidationOptions => ({
  message: `must be one of ${values.join(', ')}`,
});

/** May be null (a cleared value); other values still go through the field's validators. */
export const Nullable = (): PropertyDecorator => ValidateIf((_: object, value: unknown) => value !== null);
