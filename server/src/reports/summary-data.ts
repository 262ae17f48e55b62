import type { EvaluationEvidence } from '../evidence/evidence.service';
import type { RatingResponse } from '../evidence/ratings.service';

/** Everything an evaluation summary shows, gathered once for the PDF and the XLSX. */
export interface SummaryData {
  evaluation: {
    id: number;
    title: string;
    design: string;
    evaluatorType: string;
    evaluatorName: string;
    startDate: string;
    endDate: string | null;
    status: string;
    revision: number;
    summary: string;
    limitations: string;
    plannedSizes: Record<string, number | undefined>;
    achievedSizes: Record<string, number | undefined>;
    primary: string[];
    outcomeSwitching: { added: string[]; removed: string[] } | null;
  };
  program: { name: string; strategy: string; countries: string[] };
  organization: string;
  grant: { reference: string; title: string; funder: string } | null;
  measurements: {
    indicator: string;
    arm: string;
    timepoint: string;
    disaggregation: string;
    n: number;
    result: string;
  }[];
  evidence: EvaluationEvidence;
  rating: RatingResponse;
  thread: { at: Date; author: string; role: string; kind: string; body: string }[];
  generatedAt: Date;
}

export const DESIGN_LABELS: Record<string, string> = {
  rct: 'Randomised controlled trial',
  quasi_experimental: 'Quasi-experimental (with comparison group)',
  pre_post: 'Pre–post (one group, before and after)',
  post_only: 'Post only (one group, after)',
  qualitative: 'Qualitative',
};

export const fmt = (x: number | null | undefined, digits = 2) =>
  x === null || x === undefined || !Number.isFinite(x) ? '—' : x.toFixed(digits);

export const pValue = (p: number) => (p < 0.001 ? '< 0.001' : p.toFixed(3));

/** An effect with its CI, back-transformed for ratio measures ("RR 1.74 (1.26 to 2.39)"). */
export function effectText(e: EvaluationEvidence['effects'][number]): string {
  if (e.estimate !== undefined && e.estimateCiLow !== undefined && e.estimateCiHigh !== undefined) {
    return `${e.measure} ${fmt(e.estimate)} (${fmt(e.estimateCiLow)} to ${fmt(e.estimateCiHigh)})`;
  }
  return `${e.measure} ${fmt(e.yi)} (${fmt(e.ciLow)} to ${fmt(e.ciHigh)})`;
}
