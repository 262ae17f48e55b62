/** One field-level problem in a request: which field, and what is wrong with it. */
export interface FieldProblem {
  field: string;
  message: string;
  /** A stable code the admin translates (class-validator's rule name, `required`, …). */
  code?: string;
}

/**
 * Domain errors. Services throw these; `HttpErrorFilter` maps each to its HTTP status and
 * the one error shape `{ statusCode, error, code, message, details? }`. `code` is stable (snake
 * case) so that clients can translate it; the English `message` says the same in words.
 */
export abstract class DomainError extends Error {
  abstract readonly statusCode: number;
  abstract readonly error: string;
  /** The class's code unless `withCode` names a more specific one. */
  protected abstract readonly defaultCode: string;
  private specificCode?: string;
  constructor(
    message: string,
    readonly details?: FieldProblem[],
  ) {
    super(message);
    this.name = new.target.name;
  }

  get code(): string {
    return this.specificCode ?? this.defaultCode;
  }

  /** A more specific stable code, e.g. `stale_version` for a conflict. */
  withCode(code: string): this {
    this.specificCode = code;
    return this;
  }
}

export class ValidationFailedError extends DomainError {
  readonly statusCode = 400;
  readonly error = 'Bad Request';
  protected readonly defaultCode = 'validation_failed';
  static forField(field: string, message: string, code = 'invalid'): ValidationFailedError {
    return new ValidationFailedError(`${field}: ${message}`, [{ field, message, code }]);
  }
}

export class NotFoundError extends DomainError {
  readonly statusCode = 404;
  readonly error = 'Not Found';
  protected readonly defaultCode = 'not_found';
  constructor(resource: string, id: number | string) {
    super(`${resource} ${id} does not exist`);
  }
}

export class ConflictError extends DomainError {
  readonly statusCode = 409;
  readonly error = 'Conflict';
  protected readonly defaultCode = 'conflict';
}

export class ForbiddenError extends DomainError {
  readonly statusCode = 403;
  readonly error = 'Forbidden';
  protected readonly defaultCode = 'forbidden';
}

/** The database cannot be reached (stopped, restarting, connection lost): retry after a few seconds. */
export class DatabaseUnavailableError extends DomainError {
  readonly statusCode = 503;
  readonly error = 'Service Unavailable';
  protected readonly defaultCode = 'database_unavailable';
  constructor(readonly retryAfterSeconds: number) {
    super(`The database is unavailable; try again in ${retryAfterSeconds} seconds`);
  }
}

export class UnauthorizedError extends DomainError {
  readonly statusCode = 401;
  readonly error = 'Unauthorized';
  protected readonly defaultCode = 'unauthorized';
}

export class TooManyRequestsError extends DomainError {
  readonly statusCode = 429;
  readonly error = 'Too Many Requests';
  protected readonly defaultCode = 'too_many_requests';
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}

/** Well-formed, but the record is not ready for the action (submit: what is missing). */
export class UnprocessableError extends DomainError {
  readonly statusCode = 422;
  readonly error = 'Unprocessable Entity';
  protected readonly defaultCode = 'unprocessable';
}

export class PayloadTooLargeError extends DomainError {
  readonly statusCode = 413;
  readonly error = 'Payload Too Large';
  protected readonly defaultCode = 'payload_too_large';
}

export class UnsupportedMediaTypeError extends DomainError {
  readonly statusCode = 415;
  readonly error = 'Unsupported Media Type';
  protected readonly defaultCode = 'unsupported_media_type';
}
