import { CallHandler, ExecutionContext, Injectable, NestInterceptor, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Pool } from 'pg';
import { Observable } from 'rxjs';
import { DataSource } from 'typeorm';
import { applyDbContextOnCheckout, asSystem, dbActorFor, runAs } from '../database/db-context';
import type { RequestWithActor } from './decorators';

/**
 * Runs each request's handler with its actor as the database's actor (row-level security). The
 * AuthGuard has already resolved `request.actor`; public routes (health, login, set-password)
 * have none and run as `system`: they read credentials before anyone is signed in.
 */
@Injectable()
export class DbContextInterceptor implements NestInterceptor, OnModuleInit {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Migrations ran as the owner; from here on every checkout carries an actor. (The replicas'
   * pools get the same when they are opened: database/replica-monitor.ts.)
   */
  onModuleInit(): void {
    applyDbContextOnCheckout((this.db.driver as unknown as { master: Pool }).master);
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const { actor } = context.switchToHttp().getRequest<RequestWithActor>();
    return actor ? runAs(dbActorFor(actor), () => next.handle()) : asSystem(() => next.handle());
  }
}
