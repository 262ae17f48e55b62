import 'reflect-metadata';
import { Evaluation, EvaluationComment, EvaluationSubmission } from './entities/evaluation.entity';
import { EvaluationRating } from './entities/evaluation-rating.entity';
import { Job, JobFile } from './entities/job.entity';
import { Grant, GrantProgram, ReportingPeriod, Target } from './entities/grant.entity';
import { OutcomeMeasurement } from './entities/outcome-measurement.entity';
import { DataSource, DataSourceOptions } from 'typeorm';
import { Indicator } from './entities/indicator.entity';
import { Organization } from './entities/organization.entity';
import { AuditEvent } from './entities/audit-event.entity';
import { ApiToken, LoginAttempt, PasswordToken, Session } from './entities/auth.entities';
import { Program } from './entities/program.entity';
import { User } from './entities/user.entity';
import { MIGRATIONS } from './migrations';

export const ENTITIES = [
  AuditEvent,
  Organization,
  Program,
  Indicator,
  User,
  Session,
  ApiToken,
  PasswordToken,
  LoginAttempt,
  Grant,
  GrantProgram,
  ReportingPeriod,
  Target,
  Evaluation,
  EvaluationComment,
  EvaluationSubmission,
  OutcomeMeasurement,
  EvaluationRating,
  Job,
  JobFile,
];

/**
 * One set of options for the app, its read replicas (database/replica-monitor.ts: a data source
 * per replica, opened lazily) and the TypeORM CLI: migrations only, never synchronize. No
 * TypeORM `replication`: it connects every replica at startup and fails the start when one is
 * unreachable.
 */
export function dataSourceOptions(url: string): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: ['error', 'warn'],
    extra: { max: 10, application_name: 'outcome-ledger' },
  };
}

/** Used by the TypeORM CLI (`npm run migration:run`, `migration:generate`): reads DATABASE_URL. */
export default new DataSource(dataSourceOptions(process.env.DATABASE_URL ?? 'postgres://localhost/outcome_ledger'));
