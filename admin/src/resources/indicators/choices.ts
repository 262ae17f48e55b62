import { DIRECTIONS, INDICATOR_LEVELS, MEASURE_TYPES, RATE_BASES, SDG_TARGETS } from '@vocabulary/indicators';
import { toChoices } from '../../common/choices';

export const levelChoices = toChoices(INDICATOR_LEVELS, 'indicatorLevel');
export const measureTypeChoices = toChoices(MEASURE_TYPES, 'measureType');
export const directionChoices = toChoices(DIRECTIONS, 'direction');
export const sdgTargetChoices = SDG_TARGETS.map((id) => ({ id, name: `ledger.sdgTarget.${id.replace('.', '_')}` }));
export const rateBaseChoices = RATE_BASES.map((id) => ({ id, name: `ledger.rateBase.${id}` }));
