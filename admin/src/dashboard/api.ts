import { ledgerRequest } from '../providers/ledgerApi';
import type { DashboardData } from './types';

/** The signed-in person's first screen (docs/api.md, "Dashboard"). */
export const dashboardApi = {
  get: () => ledgerRequest<DashboardData>('GET', '/dashboard'),
};
