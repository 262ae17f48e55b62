import type { ContextValue } from '../database/entities/indicator.entity';
import type { Direction, IndicatorLevel, MeasureType, RateBase, SdgTarget } from '../vocabulary/indicators';

interface SeedIndicator {
  code: string;
  name: string;
  definition: string;
  level: IndicatorLevel;
  measureType: MeasureType;
  unit: string;
  /** Rates only: what the rate is per. */
  rateBase?: RateBase;
  direction: Direction;
  minValue: number | null;
  maxValue: number | null;
  sdgTarget: SdgTarget | null;
  contextSeries?: ContextValue[];
  contextSource?: string;
}

/** Tips received by the national hotline, 1998–2004, as cited in the field's report. */
export const HOTLINE_TIPS_1998_2004: ContextValue[] = [4578, 9673, 19276, 24460, 43097, 81987, 112017].map(
  (value, index) => ({ year: 1998 + index, value }),
);

const proportion = (unit: string) => ({ measureType: 'proportion' as const, unit, minValue: 0, maxValue: 1 });
const count = (unit: string) => ({ measureType: 'count' as const, unit, minValue: 0, maxValue: null });

/** A starter indicator library for the strategies in PRODUCT.md (demo data; admins edit it). */
export const DEMO_INDICATORS: SeedIndicator[] = [
  {
    code: 'EDU-RECOG-01',
    name: 'Students who can name three recruitment tactics',
    definition:
      'Share of surveyed students who name at least three tactics recruiters use, online or offline, without prompting.',
    level: 'outcome',
    ...proportion('share of students'),
    direction: 'increase',
    sdgTarget: '16.2',
  },
  {
    code: 'EDU-HELP-01',
    name: 'Students who know where to get help',
    definition:
      'Share of students who can name a trusted adult, hotline or service to tell when someone tries to recruit or exploit them.',
    level: 'outcome',
    ...proportion('share of students'),
    direction: 'increase',
    sdgTarget: '16.2',
  },
  {
    code: 'EDU-SAFETY-01',
    name: 'Body-safety knowledge score',
    definition: 'Mean score on a validated body-safety knowledge scale (0–20) among participating children.',
    level: 'outcome',
    measureType: 'mean',
    unit: 'scale points (0–20)',
    minValue: 0,
    maxValue: 20,
    direction: 'increase',
    sdgTarget: '16.2',
  },
  {
    code: 'EDU-REACH-01',
    name: 'Children reached by sessions',
    definition: 'Number of children who attended at least one prevention session.',
    level: 'output',
    ...count('children'),
    direction: 'increase',
    sdgTarget: null,
  },
  {
    code: 'EDU-RISK-01',
    name: 'Risky online contact in the past three months',
    definition: 'Share of children reporting contact with an unknown adult online who asked for images or a meeting.',
    level: 'impact',
    ...proportion('share of children'),
    direction: 'decrease',
    sdgTarget: '16.2',
  },
  {
    code: 'PUB-AWARE-01',
    name: 'Adults aware that buying sex from a minor is a crime',
    definition:
      'Share of surveyed adults in the campaign area who know that buying sex from a person under 18 is a crime.',
    level: 'outcome',
    ...proportion('share of adults'),
    direction: 'increase',
    sdgTarget: '8.7',
  },
  {
    code: 'PUB-DEMAND-01',
    name: 'Stated willingness to buy sex',
    definition: 'Share of surveyed adult men who say they would pay for sex in the next year.',
    level: 'impact',
    ...proportion('share of adult men'),
    direction: 'decrease',
    sdgTarget: '5.2',
  },
  {
    code: 'PUB-TIPS-01',
    name: 'Tips reported to the hotline',
    definition: 'Number of tips about suspected exploitation of children received by the hotline in the period.',
    level: 'outcome',
    ...count('tips'),
    direction: 'increase',
    sdgTarget: '8.7',
  },
  {
    code: 'PUB-IMPR-01',
    name: 'Campaign impressions',
    definition: 'Number of times campaign messages were displayed or broadcast.',
    level: 'output',
    ...count('impressions'),
    direction: 'increase',
    sdgTarget: null,
  },
  {
    code: 'PAR-SUPERV-01',
    name: 'Parents using agreed supervision practices',
    definition:
      'Share of parents and caregivers who report using at least four of the six supervision practices agreed in the workshops.',
    level: 'outcome',
    ...proportion('share of parents'),
    direction: 'increase',
    sdgTarget: '16.2',
  },
  {
    code: 'PAR-COMPL-01',
    name: 'Parents completing the workshop series',
    definition: 'Number of parents and caregivers who attended all sessions of the series.',
    level: 'output',
    ...count('parents'),
    direction: 'increase',
    sdgTarget: null,
  },
  {
    code: 'PAR-ABUSE-01',
    name: 'Substantiated child-abuse reports per 1,000 children',
    definition: 'Substantiated reports of child abuse in the program area per 1,000 children per year.',
    level: 'impact',
    measureType: 'rate',
    unit: 'per 1,000 children per year',
    rateBase: 1000,
    minValue: 0,
    maxValue: 1000,
    direction: 'decrease',
    sdgTarget: '16.2',
  },
  {
    code: 'EMP-EFFIC-01',
    name: 'Self-efficacy score of participating girls',
    definition: 'Mean score on a general self-efficacy scale (10–40) among participating adolescent girls.',
    level: 'outcome',
    measureType: 'mean',
    unit: 'scale points (10–40)',
    minValue: 10,
    maxValue: 40,
    direction: 'increase',
    sdgTarget: '5.2',
  },
  {
    code: 'TEC-REPORT-01',
    name: 'Young people using in-app reporting tools',
    definition:
      'Share of young users who used a platform’s reporting tool at least once when contacted inappropriately.',
    level: 'outcome',
    ...proportion('share of young users'),
    direction: 'increase',
    sdgTarget: '16.2',
  },
  {
    code: 'TRN-OFFICER-01',
    name: 'Officers trained',
    definition: 'Number of police officers and prosecutors who completed the training course.',
    level: 'output',
    ...count('officers'),
    direction: 'increase',
    sdgTarget: '8.7',
  },
  {
    code: 'TRN-KNOW-01',
    name: 'Officers treating exploited children as victims',
    definition:
      'Share of trained officers who, in a case vignette, identify the child as a victim rather than an offender.',
    level: 'outcome',
    ...proportion('share of officers'),
    direction: 'increase',
    sdgTarget: '8.7',
  },
  {
    code: 'TRN-REFER-01',
    name: 'Referrals to victim services by law enforcement',
    definition: 'Number of children referred to victim services by trained units in the period.',
    level: 'outcome',
    ...count('referrals'),
    direction: 'increase',
    sdgTarget: '8.7',
  },
  {
    code: 'VIC-HOUSING-01',
    name: 'Youth in stable housing at six months',
    definition: 'Share of youth enrolled in case management who are in stable housing six months after enrolment.',
    level: 'outcome',
    ...proportion('share of youth'),
    direction: 'increase',
    sdgTarget: '8.7',
  },
  {
    code: 'VIC-SCHOOL-01',
    name: 'Youth re-engaged with school or training',
    definition: 'Share of youth in case management enrolled in school or vocational training.',
    level: 'outcome',
    ...proportion('share of youth'),
    direction: 'increase',
    sdgTarget: '8.7',
  },
  {
    code: 'VIC-REVICT-01',
    name: 'Re-exploitation within twelve months',
    definition: 'Share of youth served who are identified again as exploited within twelve months.',
    level: 'impact',
    ...proportion('share of youth'),
    direction: 'decrease',
    sdgTarget: '8.7',
  },
  {
    code: 'CTX-TIPS-01',
    name: 'Tips received by the national hotline (context)',
    definition:
      'Tips about suspected sexual exploitation of children received by the national hotline in a calendar year. A context series: it frames hotline-awareness programs and is never pooled as an effect.',
    level: 'impact',
    ...count('tips per year'),
    direction: 'increase',
    sdgTarget: '16.2',
    contextSeries: HOTLINE_TIPS_1998_2004,
    contextSource: 'National hotline tip counts 1998–2004, as cited in the report the strategy taxonomy comes from.',
  },
];
