import 'reflect-metadata';
import { Evaluation, EvaluationComment, EvaluationSubmission } from '../evaluations/evaluation.entity';
import { EvaluationRating } from '../evidence/evaluation-rating.entity';
import { Job, JobFile } from '../jobs/job.entity';
import { Grant, GrantProgram, ReportingPeriod, Target } from '../grants/grant.entity';
import { OutcomeMeasurement } from '../outcomes/outcome-measurement.entity';
import { DataSource, DataSourceOptions } from 'typeorm';
import { Indicator } from '../indicators/indicator.entity';
import { Organization } from '../organizations/organization.entity';
import { AuditEvent } from '../audit/audit-event.entity';
import { ApiToken, LoginAttempt, PasswordToken, Session } from '../auth/auth.entities';
import { Program } from '../programs/program.entity';
import { User } from '../users/user.entity';
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
