import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LoggerModule } from 'nestjs-pino';
import { AuthGuard } from './auth/auth.guard';
import { DbContextInterceptor } from './access/db-context.interceptor';
import { StateChangeGuard } from './access/state-change.guard';
import { AuditModule } from './audit-events/audit-events.module';
import { AuthModule } from './auth/auth.module';
import { HttpErrorFilter } from './common/http-error.filter';
import { ListPageInterceptor } from './common/list-page.interceptor';
import { buildValidationPipe } from './common/validation';
import type { AppConfig } from './config/config';
import { ConfigModule } from './config/config.module';
import type { AppLogin } from './database/app-login';
import { dataSourceOptions } from './database/data-source';
import { ReplicaModule } from './database/replica.module';
import { EvaluationsModule } from './evaluations/evaluations.module';
import { DisclosureModule } from './disclosure/disclosure.module';
import { DashboardModule } from './dashboard/dashboard.module';
import { ReportsModule } from './reports/reports.module';
import { PublishingModule } from './publishing/publishing.module';
import { EvidenceModule } from './evidence/evidence.module';
import { ImportsModule } from './imports/imports.module';
import { JobsModule } from './jobs/jobs.module';
import { MetricsModule } from './metrics/metrics.module';
import { GrantsModule } from './grants/grants.module';
import { HealthModule } from './health/health.module';
import { IdempotencyInterceptor } from './idempotency/idempotency.interceptor';
import { OutcomesModule } from './outcomes/outcomes.module';
import { IndicatorsModule } from './indicators/indicators.module';
import { OrganizationsModule } from './organizations/organizations.module';
import { ProgramsModule } from './programs/programs.module';
import { UsersModule } from './users/users.module';

const REQUEST_ID = /^[\w.-]{1,100}$/;

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, database: AppLogin): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config, database.url),
        LoggerModule.forRoot({
          pinoHttp: {
            level: config.logLevel,
            genReqId: (req: IncomingMessage, res: ServerResponse) => {
              const incoming = req.headers['x-request-id'];
              const id = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
              res.setHeader('X-Request-Id', id);
              return id;
            },
            autoLogging: { ignore: (req: IncomingMessage) => req.url === '/api/health/live' },
            redact: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'],
          },
          forRoutes: ['*path'],
        }),
        TypeOrmModule.forRoot(dataSourceOptions(database.url)),
        ReplicaModule.forRoot(database.replicaUrls),
        HealthModule,
        AuthModule,
        UsersModule,
        AuditModule,
        OrganizationsModule,
        IndicatorsModule,
        ProgramsModule,
        GrantsModule,
        EvaluationsModule,
        OutcomesModule,
        EvidenceModule,
        JobsModule,
        ImportsModule,
        DisclosureModule,
        PublishingModule,
        ReportsModule,
        DashboardModule,
        MetricsModule.forRoot(config),
      ],
      providers: [
        // In this order: cross-site requests and wrong body types are refused before authentication.
        { provide: APP_GUARD, useClass: StateChangeGuard },
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_PIPE, useFactory: buildValidationPipe },
        { provide: APP_FILTER, useClass: HttpErrorFilter },
        { provide: APP_INTERCEPTOR, useClass: DbContextInterceptor },
        // Inside the database context: Idempotency-Key rows are read and written as the actor.
        { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
        { provide: APP_INTERCEPTOR, useClass: ListPageInterceptor },
      ],
    };
  }
}
