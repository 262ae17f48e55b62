import { OrganizationsAndPrograms1764300000000 } from './1764300000000-OrganizationsAndPrograms';

/** Every migration, oldest first. `npm run migration:generate -- Name` adds new files: list them here. */
export const MIGRATIONS = [OrganizationsAndPrograms1764300000000];
