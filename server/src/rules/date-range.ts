import { ValidationFailedError } from '../common/errors';
import { endsBeforeStart } from '../vocabulary/dates';
import { MESSAGES } from '../vocabulary/programs';

/** Refuses a range that ends before it starts, naming `endDate` (vocabulary/dates.ts holds the rule). */
export function assertDateRange(range: { startDate: string; endDate: string | null }): void {
  if (endsBeforeStart(range.startDate, range.endDate))
    throw ValidationFailedError.forField('endDate', MESSAGES.endBeforeStart);
}
