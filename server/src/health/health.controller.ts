import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Public } from '../access/decorators';
import { HealthCheck, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { DatabaseUnavailableError } from '../common/errors';
import { DATABASE_RETRY_AFTER_SECONDS } from '../database/unavailable';

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
  ) {}

  /**
   * Liveness and readiness: 200 when the database answers within 3 s, else 503 with Retry-After
   * and the code `database_unavailable`, like every other route while the database is down.
   */
  @Get()
  @HealthCheck()
  async check() {
    try {
      return await this.health.check([() => this.database.pingCheck('database', { timeout: 3000 })]);
    } catch (error) {
      if (error instanceof ServiceUnavailableException)
        throw new DatabaseUnavailableError(DATABASE_RETRY_AFTER_SECONDS);
      throw error;
    }
  }

  /** Liveness only: the process is up and serving HTTP. */
  @Get('live')
  live() {
    return { status: 'ok' };
  }
}
