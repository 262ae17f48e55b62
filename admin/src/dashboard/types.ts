import type { Role } from '../common/roles';

/** One evaluation as the dashboard lists it (docs/api.md, "Dashboard"). */
export interface DashboardEvaluation {
  evaluationId: number;
  title: string;
  status: string;
  revision: number;
  programName: string;
  organizationName: string;
}

export interface DashboardGrant {
  grantId: number;
  title: string;
  reference: string | null;
  funder: string;
  grantee: string;
  amount: number;
  currency: string;
  status: string;
  targets: number;
  reportedTargets: number;
  /** Median progress of the reported targets (1 = on target), or null before any actual value. */
  medianProgress: number | null;
  /** Targets vs actuals per indicator (total rows), period by period. */
  indicators: DashboardGrantIndicator[];
}

export interface DashboardGrantIndicator {
  indicatorId: number;
  code: string;
  name: string;
  measureType: 'proportion' | 'mean' | 'count' | 'rate';
  unit: string;
  /** Progress at the latest reported period (1 = on target), or null before any actual value. */
  progress: number | null;
  periods: { periodId: number; label: string; target: number | null; actual: number | null }[];
}

export interface DashboardPeriodDue {
  grantId: number;
  grantTitle: string;
  periodId: number;
  label: string;
  dueDate: string;
  overdue: boolean;
  missingActuals: number;
}

export interface PortfolioRow {
  grants: number;
  amounts: Record<string, number>;
}

export interface DashboardComment {
  evaluationId: number;
  title: string;
  author: string;
  role: string;
  kind: string;
  body: string;
  at: string;
}

export interface DashboardAdministration {
  users: number;
  organizations: number;
  recentAudit: {
    at: string;
    action: string;
    entityType: string;
    entityId: number | null;
    actorUserId: number | null;
  }[];
  failedJobs: { id: number; kind: string; createdAt: string; errorCount: number; message: string | null }[];
}

/** `GET /api/dashboard`. */
export interface DashboardData {
  role: Role;
  today: string;
  evaluationsByStatus: Record<string, number>;
  /** Coordinators: the NGO's programs, with how many (current) evaluations each has. */
  programs: { programId: number; name: string; strategy: string; status: string; evaluations: number }[];
  needsAction: (DashboardEvaluation & { reason: 'draft' | 'changes_requested' })[];
  reviewQueue: (DashboardEvaluation & { submittedAt: string | null; waitingDays: number })[];
  outcomeSwitching: (DashboardEvaluation & { added: number[]; removed: number[] })[];
  ratings: Record<string, number> & { approvedUndecided: number };
  latestComments: DashboardComment[];
  grants: DashboardGrant[];
  /** Offered grants waiting for the grantee's answer. */
  grantOffers: DashboardGrantOffer[];
  reportingPeriodsDue: DashboardPeriodDue[];
  portfolio: {
    byStrategy: (PortfolioRow & { strategy: string })[];
    byCountry: (PortfolioRow & { country: string })[];
  };
  administration?: DashboardAdministration;
}

export interface DashboardGrantOffer {
  grantId: number;
  title: string;
  reference: string;
  funder: string;
  grantee: string;
  amount: number;
  currency: string;
  startDate: string;
  endDate: string;
}
