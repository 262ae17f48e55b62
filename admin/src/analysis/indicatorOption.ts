import type { Identifier } from 'react-admin';
import type { Direction, MeasureType } from '@vocabulary/indicators';

/** An indicator as the analysis page lists it. */
export interface IndicatorOption {
  id: Identifier;
  code: string;
  name: string;
  measureType: MeasureType;
  direction: Direction;
  active: boolean;
}
