/**
 * DHIS2 dataValueSet of a grant's targets and actual values, so a DHIS2 user can import them
 * (Web API `/api/dataValueSets`, JSON or CSV). Data elements are our indicator codes with a
 * `_TARGET` or `_ACTUAL` suffix; the org unit is the grantee; periods use DHIS2's ISO period
 * formats where a reporting period is a calendar quarter, half or year, otherwise the start
 * month. Disaggregations are written as category option combos `sex;age band;region`.
 */
export interface Dhis2Value {
  dataElement: string;
  period: string;
  orgUnit: string;
  categoryOptionCombo: string;
  attributeOptionCombo: string;
  value: string;
  comment?: string;
}

export interface Dhis2Target {
  indicatorCode: string;
  period: { startDate: string; endDate: string };
  sex: string;
  ageBand: string;
  region: string;
  targetValue: number;
  actualValue: number | null;
  comment: string;
}

const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** DHIS2 period id: 2026Q1, 2026S2, 2026 for calendar periods, else the start month (202603). */
export function dhis2Period(startDate: string, endDate: string): string {
  const [sy, sm, sd] = startDate.split('-').map(Number);
  const [ey, em, ed] = endDate.split('-').map(Number);
  const months = (ey - sy) * 12 + em - sm + 1;
  const whole = sd === 1 && ed === lastDay(ey, em);
  if (whole && months === 3 && (sm - 1) % 3 === 0) return `${sy}Q${(sm - 1) / 3 + 1}`;
  if (whole && months === 6 && (sm - 1) % 6 === 0) return `${sy}S${(sm - 1) / 6 + 1}`;
  if (whole && months === 12 && sm === 1) return String(sy);
  return `${sy}${String(sm).padStart(2, '0')}`;
}

export function dhis2DataValues(orgUnit: string, attributeOptionCombo: string, targets: Dhis2Target[]): Dhis2Value[] {
  const values: Dhis2Value[] = [];
  for (const t of targets) {
    const base = {
      period: dhis2Period(t.period.startDate, t.period.endDate),
      orgUnit,
      categoryOptionCombo: [t.sex, t.ageBand, t.region].join(';'),
      attributeOptionCombo,
    };
    values.push({
      ...base,
      dataElement: `${t.indicatorCode}_TARGET`,
      value: String(t.targetValue),
      ...(t.comment ? { comment: t.comment } : {}),
    });
    if (t.actualValue !== null)
      values.push({ ...base, dataElement: `${t.indicatorCode}_ACTUAL`, value: String(t.actualValue) });
  }
  return values;
}

export const DHIS2_CSV_COLUMNS = [
  'dataelement',
  'period',
  'orgunit',
  'categoryoptioncombo',
  'attributeoptioncombo',
  'value',
  'storedby',
  'lastupdated',
  'comment',
  'followup',
] as const;
