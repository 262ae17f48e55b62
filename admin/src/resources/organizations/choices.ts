import { ORGANIZATION_KINDS } from '@vocabulary/organizations';
import { toChoices } from '../../common/choices';

export const organizationKindChoices = toChoices(ORGANIZATION_KINDS, 'organizationKind');
