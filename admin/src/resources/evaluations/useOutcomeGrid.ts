import { useState } from 'react';
import { useGetList, useGetMany, type Identifier } from 'react-admin';
import { DESIGN_ARMS, TIMEPOINTS } from '@vocabulary/evaluations';
import { disaggregationKey, TOTAL, type Disaggregation } from '../../common/disaggregation';
import type { Evaluation, IndicatorRecord, OutcomeMeasurement } from './types';

export const measurementKey = (m: { indicatorId: Identifier; arm: string; timepoint: string } & Disaggregation) =>
  `${m.indicatorId}|${m.arm}|${m.timepoint}|${disaggregationKey(m)}`;

/**
 * The data behind the outcome grid: the evaluation's measurements, the indicators they (and the
 * primary outcomes and the rows added in this session) belong to, and the grid's columns.
 */
export const useOutcomeGrid = (evaluation: Evaluation | undefined) => {
  const [extraIndicators, setExtraIndicators] = useState<Identifier[]>([]);
  const [extraRows, setExtraRows] = useState<Record<string, Disaggregation[]>>({});

  const measurements = useGetList<OutcomeMeasurement>(
    'outcome-measurements',
    {
      filter: { evaluationId: evaluation?.id },
      sort: { field: 'id', order: 'ASC' },
      pagination: { page: 1, perPage: 1000 },
    },
    { enabled: !!evaluation },
  );
  const rows = measurements.data ?? [];
  const primary = (evaluation?.primaryIndicatorIds ?? []).map(String);
  const indicatorIds = [
    ...new Set([...primary, ...rows.map((m) => String(m.indicatorId)), ...extraIndicators.map(String)]),
  ];
  const indicators = useGetMany<IndicatorRecord>(
    'indicators',
    { ids: indicatorIds },
    { enabled: indicatorIds.length > 0 },
  );

  const isPending = measurements.isPending || (indicatorIds.length > 0 && indicators.isPending);
  const failure = measurements.error ?? indicators.error;
  const arms = (evaluation && DESIGN_ARMS[evaluation.design]) ?? ['single'];
  const byKey = new Map(rows.map((m) => [measurementKey(m), m]));
  const indicatorList = indicatorIds
    .map((id) => indicators.data?.find((i) => String(i.id) === id))
    .filter((i): i is IndicatorRecord => !!i);

  const breakdownsOf = (indicatorId: Identifier): Disaggregation[] => {
    const seen = new Map<string, Disaggregation>([[disaggregationKey(TOTAL), TOTAL]]);
    for (const m of rows) {
      if (String(m.indicatorId) !== String(indicatorId)) continue;
      const d = { sex: m.sex, ageBand: m.ageBand, region: m.region };
      seen.set(disaggregationKey(d), d);
    }
    for (const d of extraRows[String(indicatorId)] ?? []) seen.set(disaggregationKey(d), d);
    return [...seen.values()];
  };

  const columns = arms.flatMap((arm) => TIMEPOINTS.map((timepoint) => ({ arm, timepoint })));
  const addIndicator = (i: IndicatorRecord) => setExtraIndicators((ids) => (ids.includes(i.id) ? ids : [...ids, i.id]));
  const addBreakdown = (indicator: IndicatorRecord, d: Disaggregation) => {
    const id = String(indicator.id);
    setExtraRows((all) => ({ ...all, [id]: [...(all[id] ?? []), d] }));
  };
  const refetch = () => void measurements.refetch();

  return {
    isPending,
    failure,
    primary,
    indicatorIds,
    indicatorList,
    arms,
    columns,
    byKey,
    breakdownsOf,
    addIndicator,
    addBreakdown,
    refetch,
  };
};

export type OutcomeGrid = ReturnType<typeof useOutcomeGrid>;
