import { Brackets, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { ValidationFailedError } from './errors';
import { assertStorableText } from './validation';

/**
 * The react-admin list protocol (`ra-data-simple-rest`), parsed in one place:
 * `?sort=["name","ASC"]&range=[0,24]&filter={"q":"school","id":[1,2]}`.
 * Each resource declares a `ListSpec`; anything it does not declare is a 400.
 */
export type SortOrder = 'ASC' | 'DESC';

export const MAX_PAGE_SIZE = 1000;
export const DEFAULT_PAGE_SIZE = 25;
const MAX_SEARCH_LENGTH = 200;

export type FilterDef =
  /** Case-insensitive substring search over several text columns (`q`). */
  | { kind: 'search'; columns: string[] }
  /** One id or an array of ids (react-admin's getMany). */
  | { kind: 'ids'; column: string }
  /** One value or an array of values from a fixed list. */
  | { kind: 'enum'; column: string; values: readonly string[] }
  /** One positive integer or an array of them (foreign keys). */
  | { kind: 'integer'; column: string }
  /** A boolean column: true or false (also "true"/"false", as query strings carry them). */
  | { kind: 'boolean'; column: string }
  /** A text-array column containing the given value (or any of the given values). */
  | { kind: 'arrayContains'; column: string; values: readonly string[] }
  /** Exact match on a short text (an id stored as text, a code). */
  | { kind: 'text'; column: string }
  /** Positive whole numbers tested by a condition of one's own; `:param` is the array of them. */
  | { kind: 'integerCondition'; condition: (param: string) => string };

export interface ListSpec {
  /** Resource name as it appears in `Content-Range`. */
  resource: string;
  /** API field → column expression (`alias.column`). */
  sortable: Record<string, string>;
  defaultSort: [string, SortOrder];
  filters: Record<string, FilterDef>;
  /** Column used as the tie-breaker so pages never overlap. */
  idColumn: string;
}

export interface ParsedFilter {
  name: string;
  def: FilterDef;
  /** Normalised values; for `search` a single string. */
  values: (string | number)[];
}

export interface ListQuery {
  sort: { field: string; column: string; order: SortOrder };
  range: { start: number; end: number };
  filters: ParsedFilter[];
}

const ALLOWED_PARAMS = new Set(['sort', 'range', 'filter']);

function parseJsonParam(name: string, raw: unknown, example: string): unknown {
  if (typeof raw !== 'string') {
    throw ValidationFailedError.forField(name, `must be given once, as JSON like ${example}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(raw) as unknown;
  } catch {
    throw ValidationFailedError.forField(name, `is not valid JSON; expected something like ${example}`);
  }
  // "\u0000" or a lone surrogate inside the JSON text: PostgreSQL refuses or alters them in a search.
  assertStorableText(value, name);
  return value;
}

function parseSort(raw: unknown, spec: ListSpec): ListQuery['sort'] {
  const [defaultField, defaultOrder] = spec.defaultSort;
  if (raw === undefined) {
    return { field: defaultField, column: spec.sortable[defaultField], order: defaultOrder };
  }
  const value = parseJsonParam('sort', raw, '["name","ASC"]');
  if (!Array.isArray(value) || value.length !== 2 || typeof value[0] !== 'string' || typeof value[1] !== 'string') {
    throw ValidationFailedError.forField('sort', 'must be a JSON array [field, order], like ["name","ASC"]');
  }
  const [field, orderRaw] = value as [string, string];
  const column = Object.hasOwn(spec.sortable, field) ? spec.sortable[field] : undefined;
  if (!column) {
    throw ValidationFailedError.forField(
      'sort',
      `cannot sort by "${field}"; sortable fields are ${Object.keys(spec.sortable).join(', ')}`,
    );
  }
  const order = orderRaw.toUpperCase();
  if (order !== 'ASC' && order !== 'DESC') {
    throw ValidationFailedError.forField('sort', `order must be ASC or DESC, not "${orderRaw}"`);
  }
  return { field, column, order };
}

function parseRange(raw: unknown): ListQuery['range'] {
  if (raw === undefined) return { start: 0, end: DEFAULT_PAGE_SIZE - 1 };
  const value = parseJsonParam('range', raw, '[0,24]');
  if (
    !Array.isArray(value) ||
    value.length !== 2 ||
    !value.every((n) => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0)
  ) {
    throw ValidationFailedError.forField('range', 'must be a JSON array of two whole numbers ≥ 0, like [0,24]');
  }
  const [start, end] = value as [number, number];
  if (end < start) throw ValidationFailedError.forField('range', `end (${end}) is before start (${start})`);
  if (end - start + 1 > MAX_PAGE_SIZE) {
    throw ValidationFailedError.forField(
      'range',
      `asks for ${end - start + 1} rows; at most ${MAX_PAGE_SIZE} per page`,
    );
  }
  return { start, end };
}

function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? (value as unknown[]) : [value];
}

function parseFilterValues(name: string, def: FilterDef, value: unknown): (string | number)[] {
  const field = `filter.${name}`;
  switch (def.kind) {
    case 'search': {
      if (typeof value !== 'string') throw ValidationFailedError.forField(field, 'must be a string');
      if (value.length > MAX_SEARCH_LENGTH) {
        throw ValidationFailedError.forField(field, `must be at most ${MAX_SEARCH_LENGTH} characters`);
      }
      return [value];
    }
    case 'text': {
      if (typeof value !== 'string' && typeof value !== 'number') {
        throw ValidationFailedError.forField(field, 'must be a string');
      }
      if (String(value).length > MAX_SEARCH_LENGTH) {
        throw ValidationFailedError.forField(field, `must be at most ${MAX_SEARCH_LENGTH} characters`);
      }
      return [String(value)];
    }
    case 'ids':
    case 'integer':
    case 'integerCondition': {
      const list = asList(value);
      if (list.length > MAX_PAGE_SIZE) {
        throw ValidationFailedError.forField(field, `lists more than ${MAX_PAGE_SIZE} values`);
      }
      return list.map((v) => {
        const n = typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v;
        if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > 2147483647) {
          throw ValidationFailedError.forField(field, `must be a positive whole number or an array of them`);
        }
        return n;
      });
    }
    case 'boolean': {
      if (value === true || value === 'true') return ['true'];
      if (value === false || value === 'false') return ['false'];
      throw ValidationFailedError.forField(field, 'must be true or false');
    }
    case 'enum':
    case 'arrayContains': {
      const list = asList(value);
      return list.map((v) => {
        if (typeof v !== 'string' || !def.values.includes(v)) {
          const shown = def.values.length > 12 ? `${def.values.slice(0, 12).join(', ')}, …` : def.values.join(', ');
          throw ValidationFailedError.forField(field, `"${String(v)}" is not one of ${shown}`);
        }
        return v;
      });
    }
  }
}

function parseFilter(raw: unknown, spec: ListSpec): ParsedFilter[] {
  if (raw === undefined) return [];
  const value = parseJsonParam('filter', raw, '{"q":"school"}');
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw ValidationFailedError.forField('filter', 'must be a JSON object, like {"q":"school"}');
  }
  const filters: ParsedFilter[] = [];
  for (const [name, filterValue] of Object.entries(value)) {
    const def = Object.hasOwn(spec.filters, name) ? spec.filters[name] : undefined;
    if (!def) {
      throw ValidationFailedError.forField(
        'filter',
        `unknown filter "${name}"; filters are ${Object.keys(spec.filters).join(', ')}`,
      );
    }
    // react-admin drops cleared filters, but scripts may send null or "": both mean "no filter".
    if (filterValue === null || filterValue === '') continue;
    filters.push({ name, def, values: parseFilterValues(name, def, filterValue) });
  }
  return filters;
}

/** Parses `sort`, `range` and `filter`; any other query parameter is a 400. */
export function parseListQuery(query: Record<string, unknown>, spec: ListSpec): ListQuery {
  for (const name of Object.keys(query)) {
    if (!ALLOWED_PARAMS.has(name)) {
      throw ValidationFailedError.forField(name, `unknown query parameter; lists accept sort, range and filter`);
    }
  }
  return {
    sort: parseSort(query.sort, spec),
    range: parseRange(query.range),
    filters: parseFilter(query.filter, spec),
  };
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Applies a parsed list query's filters and sort order (no page): lists and exports share it. */
export function applyListFilters<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  spec: ListSpec,
  query: ListQuery,
): SelectQueryBuilder<T> {
  query.filters.forEach((filter, index) => {
    const p = `f${index}`;
    const { def, values } = filter;
    switch (def.kind) {
      case 'search': {
        const pattern = `%${escapeLike(String(values[0]))}%`;
        qb.andWhere(
          new Brackets((b) => {
            for (const column of def.columns) b.orWhere(`${column} ILIKE :${p}`, { [p]: pattern });
          }),
        );
        break;
      }
      case 'ids':
      case 'integer':
      case 'enum':
        qb.andWhere(`${def.column} = ANY(:${p})`, { [p]: values });
        break;
      case 'integerCondition':
        qb.andWhere(def.condition(p), { [p]: values });
        break;
      case 'text':
        qb.andWhere(`${def.column} = :${p}`, { [p]: values[0] });
        break;
      case 'boolean':
        qb.andWhere(`${def.column} = :${p}`, { [p]: values[0] === 'true' });
        break;
      case 'arrayContains':
        qb.andWhere(`${def.column} && :${p}::text[]`, { [p]: values });
        break;
    }
  });
  qb.orderBy(query.sort.column, query.sort.order, 'NULLS LAST');
  if (query.sort.column !== spec.idColumn) qb.addOrderBy(spec.idColumn, query.sort.order);
  return qb;
}

/** Applies a parsed list query (where, order, page) to a query builder. */
export function applyListQuery<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  spec: ListSpec,
  query: ListQuery,
): SelectQueryBuilder<T> {
  return applyListFilters(qb, spec, query)
    .offset(query.range.start)
    .limit(query.range.end - query.range.start + 1);
}

/** One page of a list; `ListPageInterceptor` turns it into an array plus `Content-Range`. */
export class ListPage<T> {
  constructor(
    readonly resource: string,
    readonly items: T[],
    readonly start: number,
    readonly total: number,
  ) {}

  get contentRange(): string {
    if (this.items.length === 0) return `${this.resource} */${this.total}`;
    return `${this.resource} ${this.start}-${this.start + this.items.length - 1}/${this.total}`;
  }
}

/** Applies a list query to `qb`, reads the page and the total, and maps rows to responses. */
export async function fetchListPage<T extends ObjectLiteral, R>(
  qb: SelectQueryBuilder<T>,
  spec: ListSpec,
  query: ListQuery,
  toResponse: (row: T) => R,
): Promise<ListPage<R>> {
  applyListQuery(qb, spec, query);
  // The page and the total run side by side. Without joins a row is a row: count(*) (an
  // index-only scan) instead of TypeORM's count(DISTINCT id).
  const joined = qb.expressionMap.joinAttributes.length > 0;
  const [rows, total] = await Promise.all([
    qb.getMany(),
    joined
      ? qb.getCount()
      : qb
          .clone()
          .select('count(*)::int', 'total')
          .orderBy()
          .offset(undefined)
          .limit(undefined)
          .getRawOne<{ total: number }>()
          .then((r) => r?.total ?? 0),
  ]);
  return new ListPage(spec.resource, rows.map(toResponse), query.range.start, total);
}
