import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { analysisApi, effectsKey } from '../../analysis/api';
import type { EffectMeasure } from '../../analysis/types';
import { PROPORTION_MEASURES } from './MeasureSelector';
import type { Evaluation } from './types';

/** The evaluation's effect sizes, computed with the chosen measure for proportions (risk ratio unless told). */
export const useEffects = (evaluation: Evaluation | undefined) => {
  const [measure, setMeasure] = useState<EffectMeasure>('RR');
  const id = evaluation?.id ?? '';
  const { data, isPending, error } = useQuery({
    queryKey: effectsKey(id, measure),
    queryFn: () => analysisApi.effects(id, measure === 'RR' ? undefined : measure),
    enabled: !!evaluation,
    placeholderData: keepPreviousData,
    retry: false,
  });
  const rows = data?.effects ?? [];
  const skipped = data?.skipped ?? [];
  const hasProportions = rows.some((r) => r.measureType === 'proportion' || PROPORTION_MEASURES.includes(r.measure));
  return { measure, setMeasure, isPending, error, rows, skipped, hasProportions };
};
