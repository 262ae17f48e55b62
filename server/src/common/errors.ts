/** One field-level problem in a request: which field, and what is wrong with it. */
export interface FieldProblem {
  field: string;
  message: string;
}

/**
 * Domain errors. Services throw these; `HttpErrorFilter` maps each to its HTTP status and
 * the one error shape `{ statusCode, error, message, details? }`.
 */
export abstract class DomainError extends Error {
  abstract readonly statusCode: number;
  abstract readonly error: string;
  constructor(
    message: string,
    readonly details?: FieldProblem[],
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class ValidationFailedError extends DomainError {
  readonly statusCode = 400;
  readonly error = 'Bad Request';
  static forField(field: string, message: string): ValidationFailedError {
    return new ValidationFailedError(`${field}: ${message}`, [{ field, message }]);
  }
}

export class NotFoundError extends DomainError {
  readonly statusCode = 404;
  readonly error = 'Not Found';
  constructor(resource: string, id: number | string) {
    super(`${resource} ${id} does not exist`);
  }
}

export class ConflictError extends DomainError {
  readonly statusCode = 409;
  readonly error = 'Conflict';
}

export class ForbiddenError extends DomainError {
  readonly statusCode = 403;
  readonly error = 'Forbidden';
}

export class ServiceUnavailableError extends DomainError {
  readonly statusCode = 503;
  readonly error = 'Service Unavailable';
}

export class UnauthorizedError extends DomainError {
  readonly statusCode = 401;
  readonly error = 'Unauthorized';
}

export class TooManyRequestsError extends DomainError {
  readonly statusCode = 429;
  readonly error = 'Too Many Requests';
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
}

export class PayloadTooLargeError extends DomainError {
  readonly statusCode = 413;
  readonly error = 'Payload Too Large';
}

export class UnsupportedMediaTypeError extends DomainError {
  readonly statusCode = 415;
  readonly error = 'Unsupported Media Type';
}
