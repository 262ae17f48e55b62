import { applyDecorators } from '@nestjs/common';
import { ApiOkResponse, ApiParam, ApiQuery } from '@nestjs/swagger';

/** OpenAPI description of a react-admin list route (sort, range, filter; Content-Range). */
export function ApiList(resource: string, type: unknown, filterExample: string): MethodDecorator {
  return applyDecorators(
    ApiQuery({ name: 'sort', required: false, example: '["name","ASC"]', description: 'JSON [field, ASC|DESC]' }),
    ApiQuery({
      name: 'range',
      required: false,
      example: '[0,24]',
      description: 'JSON [start, end], at most 1000 rows',
    }),
    ApiQuery({ name: 'filter', required: false, example: filterExample, description: 'JSON object of filters' }),
    ApiOkResponse({
      type: [type as () => void],
      description: `JSON array; total in Content-Range: ${resource} 0-24/N`,
    }),
  );
}

/** OpenAPI description of the `:id` route parameter read by `@IdParam()`. */
export function ApiId(type: unknown): MethodDecorator {
  return applyDecorators(
    ApiParam({ name: 'id', type: Number, description: 'Positive whole number' }),
    ApiOkResponse({ type: type as () => void }),
  );
}

/** OpenAPI description of a streaming export route (`format`, plus the list's `sort` and `filter`). */
export function ApiExport(): MethodDecorator {
  return applyDecorators(
    ApiQuery({ name: 'format', required: false, enum: ['csv', 'xlsx', 'ndjson'], description: 'Default csv' }),
    ApiQuery({ name: 'sort', required: false, description: 'As for the list' }),
    ApiQuery({ name: 'filter', required: false, description: 'As for the list; every matching row is written' }),
    ApiOkResponse({
      description: 'The file, streamed (text/csv, XLSX or application/x-ndjson); the export is audited',
    }),
  );
}
