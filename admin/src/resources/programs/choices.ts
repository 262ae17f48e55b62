import { PROGRAM_STATUSES, SETTINGS, STRATEGIES, TARGET_POPULATIONS } from '@vocabulary/programs';
import { toChoices } from '../../common/choices';

export const strategyChoices = toChoices(STRATEGIES, 'strategy');
export const targetPopulationChoices = toChoices(TARGET_POPULATIONS, 'targetPopulation');
export const settingChoices = toChoices(SETTINGS, 'setting');
export const programStatusChoices = toChoices(PROGRAM_STATUSES, 'programStatus');
