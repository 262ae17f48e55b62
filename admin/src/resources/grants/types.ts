import type { Identifier, RaRecord } from 'react-admin';
import type { GrantConsent, GrantStatus, ReportingFrequency } from '@vocabulary/grants';
import type { AgeBand, Sex } from '@vocabulary/evaluations';

export interface Grant extends RaRecord {
  funderOrganizationId: Identifier;
  granteeOrganizationId: Identifier;
  programIds: Identifier[];
  reference: string;
  title: string;
  amount: number;
  currency: string;
  startDate: string;
  endDate: string;
  reportingFrequency: ReportingFrequency;
  status: GrantStatus;
  /** The grantee's consent: only an accepted grant links the NGO's programs. */
  consent: GrantConsent;
  declineReason: string;
  funderName: string;
  granteeName: string;
  version: number;
}

export interface ReportingPeriod extends RaRecord {
  grantId: Identifier;
  label: string;
  startDate: string;
  endDate: string;
  dueDate: string;
  version: number;
}

export interface Target extends RaRecord {
  grantId: Identifier;
  reportingPeriodId: Identifier;
  indicatorId: Identifier;
  sex: Sex;
  ageBand: AgeBand;
  region: string;
  baselineValue: number | null;
  targetValue: number;
  actualValue: number | null;
  comment: string;
  /** Share of the way from baseline to target (1 = met), direction-aware; null without an actual. */
  progress: number | null;
  version: number;
}

/** An indicator as the targets grid and dialog name it. */
export interface TargetIndicator {
  id: Identifier;
  code: string;
  name: string;
  unit?: string | null;
}
