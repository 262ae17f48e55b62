import { ValidationFailedError } from './errors';
import { ListPage, ListSpec, MAX_PAGE_SIZE, parseListQuery } from './list-query';

const SPEC: ListSpec = {
  resource: 'programs',
  idColumn: 'p.id',
  defaultSort: ['name', 'ASC'],
  sortable: { id: 'p.id', name: 'p.name' },
  filters: {
    q: { kind: 'search', columns: ['p.name'] },
    id: { kind: 'ids', column: 'p.id' },
    status: { kind: 'enum', column: 'p.status', values: ['active', 'planned'] },
    country: { kind: 'arrayContains', column: 'p.countries', values: ['BR', 'PH'] },
  },
};

function problem(query: Record<string, unknown>): { field: string; message: string } {
  try {
    parseListQuery(query, SPEC);
  } catch (err) {
    expect(err).toBeInstanceOf(ValidationFailedError);
    return (err as ValidationFailedError).details![0];
  }
  throw new Error('expected a ValidationFailedError');
}

describe('parseListQuery', () => {
  it('refuses U+0000 in a filter, also as a JSON escape, naming the filter (found by the fuzzing suite)', () => {
    expect(problem({ filter: JSON.stringify({ q: 'a\u0000b' }) })).toEqual({
      field: 'filter.q',
      message: 'must not contain the character U+0000',
      code: 'nul_character',
    });
    expect(problem({ filter: JSON.stringify({ id: ['1\u0000'] }) }).field).toBe('filter.id[0]');
  });

  it('defaults to the spec sort and the first 25 rows', () => {
    const query = parseListQuery({}, SPEC);
    expect(query.sort).toEqual({ field: 'name', column: 'p.name', order: 'ASC' });
    expect(query.range).toEqual({ start: 0, end: 24 });
    expect(query.filters).toEqual([]);
  });

  it('parses the ra-data-simple-rest parameters', () => {
    const query = parseListQuery(
      { sort: '["id","desc"]', range: '[10,19]', filter: '{"q":"school","id":[1,"2"],"status":"active"}' },
      SPEC,
    );
    expect(query.sort).toEqual({ field: 'id', column: 'p.id', order: 'DESC' });
    expect(query.range).toEqual({ start: 10, end: 19 });
    expect(query.filters.map((f) => [f.name, f.values])).toEqual([
      ['q', ['school']],
      ['id', [1, 2]],
      ['status', ['active']],
    ]);
  });

  it('treats null and empty-string filter values as no filter', () => {
    expect(parseListQuery({ filter: '{"status":null,"q":""}' }, SPEC).filters).toEqual([]);
  });

  it.each([
    [{ sort: '["name"' }, 'sort', 'not valid JSON'],
    [{ sort: '["secret","ASC"]' }, 'sort', 'cannot sort by "secret"'],
    [{ sort: '["name","UP"]' }, 'sort', 'order must be ASC or DESC'],
    [{ sort: '{"field":"name"}' }, 'sort', 'JSON array'],
    [{ range: '[5,1]' }, 'range', 'before start'],
    [{ range: '[-1,3]' }, 'range', 'two whole numbers'],
    [{ range: '[0,1.5]' }, 'range', 'two whole numbers'],
    [{ range: `[0,${MAX_PAGE_SIZE}]` }, 'range', `at most ${MAX_PAGE_SIZE}`],
    [{ filter: '[1,2]' }, 'filter', 'JSON object'],
    [{ filter: '{"owner":1}' }, 'filter', 'unknown filter "owner"'],
    [{ filter: '{"id":"abc"}' }, 'filter.id', 'positive whole number'],
    [{ filter: '{"id":[0]}' }, 'filter.id', 'positive whole number'],
    [{ filter: '{"status":"deleted"}' }, 'filter.status', '"deleted" is not one of active, planned'],
    [{ filter: '{"country":["XX"]}' }, 'filter.country', '"XX" is not one of'],
    [{ filter: `{"q":"${'x'.repeat(201)}"}` }, 'filter.q', 'at most 200'],
    [{ filter: '{"q":5}' }, 'filter.q', 'must be a string'],
    [{ page: '2' }, 'page', 'unknown query parameter'],
    [{ sort: ['["name","ASC"]', '["id","ASC"]'] }, 'sort', 'given once'],
  ])('rejects %j naming %s', (query, field, message) => {
    const found = problem(query);
    expect(found.field).toBe(field);
    expect(found.message).toContain(message);
  });

  it('accepts exactly the maximum page size', () => {
    expect(parseListQuery({ range: `[0,${MAX_PAGE_SIZE - 1}]` }, SPEC).range.end).toBe(MAX_PAGE_SIZE - 1);
  });
});

describe('ListPage.contentRange', () => {
  it('reports start-end/total as react-admin reads it', () => {
    expect(new ListPage('programs', [1, 2, 3], 10, 42).contentRange).toBe('programs 10-12/42');
  });
  it('reports */total for an empty page', () => {
    expect(new ListPage('programs', [], 50, 42).contentRange).toBe('programs */42');
  });
});
