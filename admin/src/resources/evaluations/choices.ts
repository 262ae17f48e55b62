import { DESIGNS, EVALUATION_STATUSES, EVALUATOR_TYPES } from '@vocabulary/evaluations';
import { toChoices } from '../../common/choices';

export const designChoices = toChoices(DESIGNS, 'design');
export const evaluatorTypeChoices = toChoices(EVALUATOR_TYPES, 'evaluatorType');
export const evaluationStatusChoices = toChoices(EVALUATION_STATUSES, 'evaluationStatus');
