import { OrganizationsAndPrograms1764300000000 } from './1764300000000-OrganizationsAndPrograms';
import { IdentityAndAccess1764400000000 } from './1764400000000-IdentityAndAccess';
import { IndicatorLibrary1764500000000 } from './1764500000000-IndicatorLibrary';
import { AuditLog1764600000000 } from './1764600000000-AuditLog';
import { GrantsEvaluationsOutcomes1764700000000 } from './1764700000000-GrantsEvaluationsOutcomes';
import { EvaluationRatings1764800000000 } from './1764800000000-EvaluationRatings';
import { Jobs1764900000000 } from './1764900000000-Jobs';
import { IndicatorContextSeries1765000000000 } from './1765000000000-IndicatorContextSeries';
import { ListIndexes1765100000000 } from './1765100000000-ListIndexes';
import { RowLevelSecurity1765200000000 } from './1765200000000-RowLevelSecurity';
import { IndicatorRateBase1765300000000 } from './1765300000000-IndicatorRateBase';
import { GrantConsent1765400000000 } from './1765400000000-GrantConsent';
import { EvaluationGrantProgram1765450000000 } from './1765450000000-EvaluationGrantProgram';

/** Every migration, oldest first. `npm run migration:generate -- Name` adds new files: list them here. */
import { ForceRowLevelSecurity1765500000000 } from './1765500000000-ForceRowLevelSecurity';
import { GranteeChangesConsentOnly1765600000000 } from './1765600000000-GranteeChangesConsentOnly';
import { IdempotencyKeys1765700000000 } from './1765700000000-IdempotencyKeys';

export const MIGRATIONS = [
  OrganizationsAndPrograms1764300000000,
  IdentityAndAccess1764400000000,
  IndicatorLibrary1764500000000,
  AuditLog1764600000000,
  GrantsEvaluationsOutcomes1764700000000,
  EvaluationRatings1764800000000,
  Jobs1764900000000,
  IndicatorContextSeries1765000000000,
  ListIndexes1765100000000,
  RowLevelSecurity1765200000000,
  IndicatorRateBase1765300000000,
  GrantConsent1765400000000,
  EvaluationGrantProgram1765450000000,
  ForceRowLevelSecurity1765500000000,
  GranteeChangesConsentOnly1765600000000,
  IdempotencyKeys1765700000000,
];
