import { Controller, Get, Req, ServiceUnavailableException } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Public } from '../access/decorators';
import { optionalActor } from '../auth/optional-actor';
import { HealthCheck, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { CredentialsService } from '../auth/credentials.service';
import { DatabaseUnavailableError } from '../common/errors';
import { ReplicaMonitor } from '../database/replica-monitor';
import { DATABASE_RETRY_AFTER_SECONDS } from '../common/unavailable';

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly replicas: ReplicaMonitor,
    private readonly credentials: CredentialsService,
  ) {}

  /**
   * Liveness and readiness: 200 when the primary database answers within 3 s, else 503 with
   * Retry-After and the code `database_unavailable`, like every other route while the database is
   * down. A read replica that is down or lagging never makes it 503 (reads fall back to the
   * primary): `replicas` says `ok`, `degraded` or `none` to everybody, and a signed-in admin (session
   * or API token) also gets `replicaDetails`: each replica's name, state, lag and fallbacks.
   */
  @Get()
  @HealthCheck()
  async check(@Req() request: Request) {
    let result: Awaited<ReturnType<HealthCheckService['check']>>;
    try {
      result = await this.health.check([() => this.database.pingCheck('database', { timeout: 3000 })]);
    } catch (error) {
      if (error instanceof ServiceUnavailableException)
        throw new DatabaseUnavailableError(DATABASE_RETRY_AFTER_SECONDS);
      throw error;
    }
    const actor = await optionalActor(request, this.credentials).catch(() => undefined);
    return {
      ...result,
      replicas: this.replicas.summary(),
      ...(actor?.role === 'admin' ? { replicaDetails: this.replicas.replicaStates() } : {}),
    };
  }

  /** Liveness only: the process is up and serving HTTP. */
  @Get('live')
  live() {
    return { status: 'ok' };
  }
}
