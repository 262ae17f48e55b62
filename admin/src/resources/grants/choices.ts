import { COMMON_CURRENCIES, GRANT_CONSENTS, GRANT_STATUSES, REPORTING_FREQUENCIES } from '@vocabulary/grants';
import { toChoices } from '../../common/choices';

export const grantStatusChoices = toChoices(GRANT_STATUSES, 'grantStatus');
export const reportingFrequencyChoices = toChoices(REPORTING_FREQUENCIES, 'reportingFrequency');
export const currencyOptions: readonly string[] = COMMON_CURRENCIES;
export const grantConsentChoices = toChoices(GRANT_CONSENTS, 'grantConsent');
