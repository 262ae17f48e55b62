import {
  CallHandler,
  ExecutionContext,
  HttpStatus,
  Injectable,
  Logger,
  NestInterceptor,
  OnApplicationShutdown,
  OnModuleInit,
} from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import { from, lastValueFrom, Observable } from 'rxjs';
import { DataSource } from 'typeorm';
import type { RequestWithActor } from '../access/decorators';
import { isStateChanging } from '../access/state-change.guard';
import { ConflictError, DomainError, type FieldProblem } from '../common/errors';
import { HttpErrorFilter, type ErrorBody } from '../common/http-error.filter';
import { asSystem } from '../database/db-context';
import { IDEMPOTENCY_HEADER, readIdempotencyKey, REPLAYED_HEADER, requestHash } from './idempotency-key';
import { IDEMPOTENCY_MODE_KEY, type IdempotencyMode } from './idempotency.decorators';
import {
  IdempotencyKeyTaken,
  IdempotencyStore,
  IdempotencySubscriber,
  runWithClaim,
  type IdempotencyClaim,
  type KeyRow,
  type StoredAnswer,
} from './idempotency.store';

/** How long a retry waits for the first request's answer before saying it is still in progress. */
const WAIT_FOR_ANSWER_MS = 2_000;
const POLL_MS = 100;
/**
 * A claimed key still without an answer this long after the claim: the instance that ran the
 * request died (or lost the database) between COMMIT and storing the answer.
 */
export const ANSWER_LOST_AFTER_SECONDS = 60;
const SWEEP_INTERVAL_MS = 60 * 60 * 1000;
/** Response headers replayed with the body. */
const KEPT_HEADERS = ['Location', 'Content-Type'];

const FIELD = 'Idempotency-Key';

/** A stored error answer (the request was applied, then failed), replayed as it was. */
class StoredErrorAnswer extends DomainError {
  readonly statusCode: number;
  readonly error: string;
  protected readonly defaultCode: string;
  constructor(body: ErrorBody) {
    super(body.message, body.details);
    this.statusCode = body.statusCode;
    this.error = body.error;
    this.defaultCode = body.code;
  }
}

function keyProblem(message: string, code: string): FieldProblem[] {
  return [{ field: FIELD, message, code }];
}

/**
 * `Idempotency-Key` on every state-changing route of a signed-in actor (issue 18). The key is
 * claimed in the same transaction as the request's first committed write (IdempotencySubscriber),
 * so "applied" and "key recorded" commit together; the answer is stored before it is sent, and a
 * retry with the same key and request gets it again (`Idempotent-Replayed: true`). Works across
 * instances: the only shared state is the `idempotency_keys` row and its primary key.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor, OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Idempotency');
  private readonly store: IdempotencyStore;
  private readonly errors = new HttpErrorFilter();
  private sweeper: NodeJS.Timeout | undefined;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly reflector: Reflector,
  ) {
    this.store = new IdempotencyStore(db);
  }

  onModuleInit(): void {
    if (!this.db.subscribers.some((s) => s instanceof IdempotencySubscriber)) {
      this.db.subscribers.push(new IdempotencySubscriber());
    }
    this.sweeper = setInterval(() => void this.sweep(), SWEEP_INTERVAL_MS);
    this.sweeper.unref();
  }

  onApplicationShutdown(): void {
    if (this.sweeper) clearInterval(this.sweeper);
  }

  private async sweep(): Promise<void> {
    try {
      const deleted = await asSystem(() => this.store.sweep());
      if (deleted > 0) this.logger.log(`deleted ${deleted} expired idempotency keys`);
    } catch (error) {
      this.logger.warn(`expired idempotency keys not deleted: ${String(error)}`);
    }
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<RequestWithActor>();
    if (!isStateChanging(request.method) || !request.actor) return next.handle();
    const mode =
      this.reflector.getAllAndOverride<IdempotencyMode | undefined>(IDEMPOTENCY_MODE_KEY, [
        context.getHandler(),
        context.getClass(),
      ]) ?? 'replay';
    if (mode === 'own' || mode === 'ignored') return next.handle();
    const key = readIdempotencyKey(request.headers[IDEMPOTENCY_HEADER]);
    if (key === undefined) return next.handle();
    const claim: IdempotencyClaim = {
      userId: request.actor.userId,
      key,
      method: request.method,
      path: request.originalUrl,
      hash: requestHash(request.method, request.originalUrl, request.body),
      withheld: mode === 'withheld',
      claimed: false,
      closed: false,
    };
    const response = context.switchToHttp().getResponse<Response>();
    // handle() binds the async context it is called in: the claim is visible to the handler's transactions.
    const run = () =>
      lastValueFrom(
        runWithClaim(claim, () => next.handle()),
        { defaultValue: undefined },
      );
    return from(this.handle(claim, routeStatus(this.reflector, context, request.method), response, run));
  }

  private async handle(
    claim: IdempotencyClaim,
    status: number,
    response: Response,
    run: () => Promise<unknown>,
  ): Promise<unknown> {
    const prior = await this.store.find(claim.userId, claim.key);
    if (prior && !prior.expired) return this.answerFrom(prior, claim, response);

    let body: unknown;
    try {
      body = await run();
    } catch (error) {
      claim.closed = true;
      if (claim.claimed) {
        await this.keep(claim, { status: 500, body: undefined, headers: {} }, error);
        throw error;
      }
      // Not applied here; a concurrent request with the key (whose success may be why this one
      // failed: a unique name, a stale version) has the answer to give.
      const other = await this.store.find(claim.userId, claim.key).catch(() => undefined);
      if (error instanceof IdempotencyKeyTaken || (other && !other.expired)) {
        return this.answerFrom(other ?? (await this.waitForRow(claim)), claim, response);
      }
      throw error;
    }
    claim.closed = true;
    const answer: StoredAnswer = { status, body, headers: keptHeaders(response, body) };
    if (claim.claimed) {
      await this.keep(claim, answer);
      return body;
    }
    // Nothing committed through a transaction (no write, or single implicit statements): claim now.
    if (await this.store.claimWithAnswer(claim, answer)) return body;
    return this.answerFrom(await this.waitForRow(claim), claim, response);
  }

  /** Stores the answer (or the error) on the claimed key; the client gets its answer even if this fails. */
  private async keep(claim: IdempotencyClaim, answer: StoredAnswer, error?: unknown): Promise<void> {
    try {
      if (error !== undefined) {
        const body = this.errors.toBody(error);
        // An unexpected failure or a lost database after the claim: no answer is better than a
        // misleading one; a retry is told the request was applied and its answer lost.
        if (body.statusCode >= 500) return;
        answer = { status: body.statusCode, body, headers: { 'Content-Type': 'application/json; charset=utf-8' } };
      }
      await this.store.answer(claim, answer);
    } catch (failure) {
      this.logger.warn(`answer to Idempotency-Key not stored (a retry will say it was applied): ${String(failure)}`);
    }
  }

  private async waitForRow(claim: IdempotencyClaim): Promise<KeyRow | undefined> {
    return this.store.find(claim.userId, claim.key);
  }

  /** The first request's answer, once it has one; 409 when the key was used for another request. */
  private async answerFrom(row: KeyRow | undefined, claim: IdempotencyClaim, response: Response): Promise<unknown> {
    let waited = 0;
    while (row && row.status === null && row.requestHash === claim.hash && waited < WAIT_FOR_ANSWER_MS) {
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      waited += POLL_MS;
      row = await this.store.find(claim.userId, claim.key);
    }
    if (!row) {
      // The other request rolled back after all: nothing was applied; the client may simply retry.
      response.setHeader('Retry-After', '1');
      throw inProgress();
    }
    if (row.requestHash !== claim.hash) {
      throw new ConflictError(
        `This Idempotency-Key was already used for a different request (${row.method} ${row.path}); use a new key for a new request`,
        keyProblem('was used for a different request', 'reused'),
      ).withCode('idempotency_key_reused');
    }
    if (row.status === null) {
      if (row.ageSeconds < ANSWER_LOST_AFTER_SECONDS) {
        response.setHeader('Retry-After', '1');
        throw inProgress();
      }
      throw new ConflictError(
        'The request with this Idempotency-Key WAS applied, but its answer was lost (the server stopped before sending it); do not send it again: read the records to see the result',
        keyProblem('was applied; its answer was lost', 'applied_answer_lost'),
      ).withCode('idempotency_key_applied_answer_lost');
    }
    if (row.withheld) {
      throw new ConflictError(
        'The request with this Idempotency-Key WAS applied; its answer holds a secret shown only once, so it is not repeated (revoke what it made and make a new one if the answer was lost)',
        keyProblem('was applied; its answer is not repeated', 'answer_withheld'),
      ).withCode('idempotency_key_answer_withheld');
    }
    response.setHeader(REPLAYED_HEADER, 'true');
    for (const [name, value] of Object.entries(row.headers)) response.setHeader(name, value);
    if (row.status >= 400) throw new StoredErrorAnswer(row.body as ErrorBody);
    return row.body ?? undefined;
  }
}

function inProgress(): ConflictError {
  return new ConflictError(
    'A request with this Idempotency-Key is still in progress; retry in a second to get its answer',
    keyProblem('is in use by a request still in progress', 'in_progress'),
  ).withCode('idempotency_key_in_progress');
}

/** The status Nest will send for the handler's result: its @HttpCode, else 201 for POST and 200 otherwise. */
function routeStatus(reflector: Reflector, context: ExecutionContext, method: string): number {
  const declared = reflector.get<number | undefined>(HTTP_CODE_METADATA, context.getHandler());
  if (declared !== undefined) return declared;
  return method === 'POST' ? HttpStatus.CREATED : HttpStatus.OK;
}

function keptHeaders(response: Response, body: unknown): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const name of KEPT_HEADERS) {
    const value = response.getHeader(name);
    if (typeof value === 'string') headers[name] = value;
  }
  if (!headers['Content-Type'] && body !== undefined && body !== null) {
    headers['Content-Type'] = 'application/json; charset=utf-8';
  }
  return headers;
}
