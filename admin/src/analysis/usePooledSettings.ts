import { useState } from 'react';
import { useGetList, useLocation } from 'react-admin';
import { STRATEGIES, type Strategy } from '@vocabulary/programs';
import type { IndicatorOption } from './indicatorOption';
import { MEASURES_FOR, type EffectMeasure, type MetaMethod, type MetaTest, type PooledTimepoint } from './types';

export interface PooledChoices {
  strategy: Strategy | '';
  indicatorId: string;
  /** The measure picked by hand; '' (or one that does not fit the indicator) means the indicator's first. */
  chosenMeasure: EffectMeasure | '';
  method: MetaMethod;
  test: MetaTest;
  timepoint: PooledTimepoint;
}

/**
 * What the pooled estimate is asked for: the choices (the researcher dashboard's evidence map links
 * here with ?strategy=…&indicatorId=…), the indicators that can be pooled, the measures that fit the
 * chosen one, and the query to send once an indicator is chosen.
 */
export function usePooledSettings() {
  const asked = new URLSearchParams(useLocation().search);
  const [choices, setChoices] = useState<PooledChoices>(() => ({
    strategy: STRATEGIES.find((s) => s === asked.get('strategy')) ?? '',
    indicatorId: asked.get('indicatorId') ?? '',
    chosenMeasure: '',
    method: 'REML',
    test: 'z',
    timepoint: 'post',
  }));
  const choose = (change: Partial<PooledChoices>) => setChoices((previous) => ({ ...previous, ...change }));

  const { data: indicators = [], isPending: indicatorsPending } = useGetList<IndicatorOption>('indicators', {
    pagination: { page: 1, perPage: 1000 },
    sort: { field: 'code', order: 'ASC' },
  });
  const { strategy, indicatorId, chosenMeasure, method, test, timepoint } = choices;
  const poolable = indicators.filter(
    (i) => MEASURES_FOR[i.measureType]?.length > 0 && (i.active || String(i.id) === String(indicatorId)),
  );
  const indicator = indicators.find((i) => String(i.id) === String(indicatorId));
  const fitting = indicator ? MEASURES_FOR[indicator.measureType] : [];
  const measure: EffectMeasure | undefined =
    chosenMeasure && fitting.includes(chosenMeasure) ? chosenMeasure : fitting[0];
  const query = indicator && measure ? { indicatorId: indicator.id, strategy, measure, method, test, timepoint } : null;

  return { choices, choose, poolable, indicatorsPending, indicator, fitting, measure, query };
}

export type PooledSettingsState = ReturnType<typeof usePooledSettings>;
