import {
  ARMS,
  COMMENT_KINDS,
  DESIGNS,
  EVALUATION_STATUSES,
  EVALUATOR_TYPES,
  TIMEPOINTS,
} from '@vocabulary/evaluations';
import { toChoices } from '../../common/choices';

export const designChoices = toChoices(DESIGNS, 'design');
export const evaluatorTypeChoices = toChoices(EVALUATOR_TYPES, 'evaluatorType');
export const evaluationStatusChoices = toChoices(EVALUATION_STATUSES, 'evaluationStatus');
export const armChoices = toChoices(ARMS, 'arm');
export const timepointChoices = toChoices(TIMEPOINTS, 'timepoint');
export const commentKindChoices = toChoices(COMMENT_KINDS, 'commentKind');
