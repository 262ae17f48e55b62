import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { QueryFailedError } from 'typeorm';
import { DATABASE_RETRY_AFTER_SECONDS, isDatabaseUnavailable } from './unavailable';
import { DatabaseUnavailableError, DomainError, FieldProblem, TooManyRequestsError } from './errors';

export interface ErrorBody {
  statusCode: number;
  error: string;
  /** Stable, snake case: what the admin translates. */
  code: string;
  message: string;
  details?: FieldProblem[];
}

/** Where the filter leaves the answer's error code in `res.locals`, for the metrics (metrics/http-metrics.ts). */
export const ERROR_CODE_LOCAL = 'errorCode';

/** Codes for errors that do not come from our domain errors, by HTTP status. */
const STATUS_CODES: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  422: 'unprocessable',
  429: 'too_many_requests',
  500: 'internal_error',
  503: 'service_unavailable',
};

const STATUS_NAMES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** PostgreSQL error codes that are the client's fault, never a 500. */
function fromDatabaseError(err: { driverError?: unknown }): ErrorBody | undefined {
  const driverError = err.driverError as
    { code?: string; detail?: string; constraint?: string; column?: string } | undefined;
  switch (driverError?.code) {
    case '23502': {
      const field = snakeToCamel(driverError.column ?? 'value');
      return {
        statusCode: 400,
        error: 'Bad Request',
        code: 'validation_failed',
        message: `${field} is required`,
        details: [{ field, message: 'is required', code: 'required' }],
      };
    }
    case '23514':
      return {
        statusCode: 400,
        error: 'Bad Request',
        code: 'check_violation',
        message: `The values break the rule ${driverError.constraint}`,
      };
    case '23505':
      return { statusCode: 409, error: 'Conflict', code: 'duplicate', message: describeUnique(driverError.detail) };
    case '23503':
    case '23001':
      return {
        statusCode: 409,
        error: 'Conflict',
        code: 'still_referenced',
        message: 'This record is still referenced by other records; remove or reassign them first',
      };
    // Bad formats and numbers out of range; text PostgreSQL cannot hold (U+0000, invalid or untranslatable
    // bytes: 22021, 22P05) and a value longer than its column (22001): the validation refuses them first.
    case '22P02':
    case '22003':
    case '22007':
    case '22008':
    case '22021':
    case '22P05':
    case '22001':
      return {
        statusCode: 400,
        error: 'Bad Request',
        code: 'invalid_value',
        message: 'A value has the wrong format or is out of range',
      };
    case '40001':
    case '40P01':
      return {
        statusCode: 409,
        error: 'Conflict',
        code: 'concurrent_change',
        message: 'The record was changed concurrently; try again',
      };
    default:
      return undefined;
  }
}

function snakeToCamel(name: string): string {
  return name.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
}

function describeUnique(detail: string | undefined): string {
  const match = detail?.match(/^Key \((.+)\)=\((.*)\) already exists/);
  if (!match) return 'A record with the same unique value already exists';
  const field = snakeToCamel(match[1].replace(/^lower\((.+)\)$/, '$1'));
  return `A record with ${field} "${match[2]}" already exists`;
}

function fromHttpException(err: HttpException): ErrorBody {
  const statusCode = err.getStatus();
  const cause = err.cause as { type?: string } | undefined;
  if (err.cause instanceof SyntaxError || cause?.type === 'entity.parse.failed') {
    return {
      statusCode,
      error: 'Bad Request',
      code: 'invalid_json',
      message: `The request body is not valid JSON (${err.message})`,
    };
  }
  if (err.cause instanceof URIError) {
    return {
      statusCode,
      error: 'Bad Request',
      code: 'invalid_address',
      message: 'The address contains an invalid percent-encoding',
    };
  }
  if (cause?.type === 'entity.too.large') {
    return {
      statusCode,
      error: 'Payload Too Large',
      code: 'payload_too_large',
      message: 'The request body is too large (limit 1 MB)',
    };
  }
  const response = err.getResponse();
  const error = STATUS_NAMES[statusCode] ?? 'Error';
  const code = statusCode === 404 ? 'no_route' : (STATUS_CODES[statusCode] ?? 'error');
  if (typeof response === 'string') return { statusCode, error, code, message: response };
  const body = response as { message?: unknown };
  const message = Array.isArray(body.message)
    ? body.message.map(String).join('; ')
    : typeof body.message === 'string'
      ? body.message
      : err.message;
  return { statusCode, error, code, message: statusCode === 404 ? rewriteRouteNotFound(message) : message };
}

function rewriteRouteNotFound(message: string): string {
  return message.startsWith('Cannot ') ? `No route: ${message.slice('Cannot '.length)}` : message;
}

/** Maps every error to `{ statusCode, error, code, message, details? }`; a 500 never leaks internals. */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpErrorFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    // A lost or refused database connection (also while checking out a pooled connection, or
    // resolving the caller's token) is a 503 to retry, never a 500.
    if (!(exception instanceof DomainError || exception instanceof HttpException) && isDatabaseUnavailable(exception)) {
      this.logger.warn(`database unavailable: ${exception instanceof Error ? exception.message : String(exception)}`);
      exception = new DatabaseUnavailableError(DATABASE_RETRY_AFTER_SECONDS);
    }
    const body = this.toBody(exception);
    const locals = response.locals as Record<string, unknown> | undefined;
    if (locals) locals[ERROR_CODE_LOCAL] = body.code;
    if (body.statusCode >= 500 && !(exception instanceof DatabaseUnavailableError)) {
      this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    }
    if (response.headersSent) {
      // Part of the body is out (a streamed export): ending it would pass a truncated file off as
      // complete. Abort the connection so the client sees the download fail.
      if (!response.writableEnded) response.destroy();
      return;
    }
    if (exception instanceof TooManyRequestsError || exception instanceof DatabaseUnavailableError) {
      response.setHeader('Retry-After', String(exception.retryAfterSeconds));
    }
    response.status(body.statusCode).json(body);
  }

  toBody(exception: unknown): ErrorBody {
    if (exception instanceof DomainError) {
      const body: ErrorBody = {
        statusCode: exception.statusCode,
        error: exception.error,
        code: exception.code,
        message: exception.message,
      };
      if (exception.details?.length) {
        body.details = exception.details.map((d) => ({
          field: d.field,
          message: d.message,
          code: d.code ?? 'invalid',
        }));
      }
      return body;
    }
    if (exception instanceof HttpException) return fromHttpException(exception);
    if (exception instanceof QueryFailedError) {
      const mapped = fromDatabaseError(exception);
      if (mapped) return mapped;
    }
    return {
      statusCode: HttpStatus.INTERNAL_SERVER_ERROR,
      error: 'Internal Server Error',
      code: 'internal_error',
      message: 'An unexpected error occurred; it has been logged',
    };
  }
}
