import type { Identifier, RaRecord } from 'react-admin';
import type {
  AgeBand,
  Arm,
  CommentKind,
  Design,
  EvaluationStatus,
  EvaluatorType,
  Sex,
  Timepoint,
} from '@vocabulary/evaluations';
import type { Role } from '@vocabulary/roles';

export type ArmSizes = Partial<Record<Arm, number | null>>;

export interface Evaluation extends RaRecord {
  organizationId: Identifier;
  programId: Identifier;
  grantId: Identifier | null;
  title: string;
  design: Design;
  evaluatorType: EvaluatorType;
  evaluatorName: string;
  startDate: string;
  endDate: string | null;
  plannedSizes: ArmSizes;
  achievedSizes: ArmSizes;
  prePostCorrelation: number;
  primaryIndicatorIds: Identifier[];
  registeredPrimaryIndicatorIds: Identifier[] | null;
  outcomeSwitching: { added: Identifier[]; removed: Identifier[] } | null;
  summary: string;
  limitations: string;
  status: EvaluationStatus;
  revision: number;
  previousRevisionId: Identifier | null;
  /** The amendment of this revision, if any. */
  nextRevisionId: Identifier | null;
  submittedAt: string | null;
  reviewedAt: string | null;
  updatedAt: string;
  version: number;
}

export interface OutcomeMeasurement extends RaRecord {
  evaluationId: Identifier;
  indicatorId: Identifier;
  arm: Arm;
  timepoint: Timepoint;
  timepointLabel: string;
  measuredOn: string | null;
  sex: Sex;
  ageBand: AgeBand;
  region: string;
  n: number;
  events: number | null;
  mean: number | null;
  sd: number | null;
  value: number | null;
  version: number;
}

export interface EvaluationComment {
  id: Identifier;
  authorName: string;
  authorRole: Role;
  kind: CommentKind;
  body: string;
  createdAt: string;
}

export type MeasurementSnapshot = Partial<OutcomeMeasurement> & Record<string, unknown>;

/** `GET /evaluations/:id/changes`: what changed since the submission the reviewer saw last. */
export interface EvaluationChanges {
  since: { evaluationId: Identifier; revision: number; submittedAt: string } | null;
  fields: { field: string; before: unknown; after: unknown }[];
  measurements: {
    added: MeasurementSnapshot[];
    removed: MeasurementSnapshot[];
    changed: { key: MeasurementSnapshot; before: MeasurementSnapshot; after: MeasurementSnapshot }[];
  };
}

export interface IndicatorRecord extends RaRecord {
  code: string;
  name: string;
  measureType: 'proportion' | 'mean' | 'count' | 'rate';
  unit?: string | null;
  minValue?: number | null;
  maxValue?: number | null;
  active?: boolean;
}
