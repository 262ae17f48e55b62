import { Alert, AlertTitle, Stack } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { Loading, useTranslate } from 'react-admin';
import { messageOf } from '../providers/apiErrors';
import { AdminCountsCard } from './AdminCountsCard';
import { dashboardApi } from './api';
import { CommentsCard } from './CommentsCard';
import { FailedJobsCard } from './FailedJobsCard';
import { GrantOffersCard } from './GrantOffersCard';
import { GrantsCard } from './GrantsCard';
import { NeedsActionCard } from './NeedsActionCard';
import { OutcomeSwitchingAlert } from './OutcomeSwitchingAlert';
import { PeriodsDueCard } from './PeriodsDueCard';
import { PortfolioCard } from './PortfolioCard';
import { ProgramsCard } from './ProgramsCard';
import { RatingsCard } from './RatingsCard';
import { RecentAuditCard } from './RecentAuditCard';
import { ResearcherCard } from './ResearcherCard';
import { ReviewQueueCard } from './ReviewQueueCard';
import { StatusCountsCard } from './StatusCountsCard';
import { TargetsVsActualsCard } from './TargetsVsActualsCard';
import type { DashboardData } from './types';

/** The cards each role sees, in order. */
const Board = ({ data }: { data: DashboardData }) => {
  switch (data.role) {
    case 'coordinator':
      return (
        <>
          <GrantOffersCard offers={data.grantOffers ?? []} />
          <NeedsActionCard data={data} />
          <ProgramsCard data={data} />
          <StatusCountsCard data={data} />
          <GrantsCard data={data} />
          <TargetsVsActualsCard data={data} />
          <PeriodsDueCard periods={data.reportingPeriodsDue} />
          <CommentsCard data={data} />
        </>
      );
    case 'funder':
      return (
        <>
          <OutcomeSwitchingAlert data={data} />
          <ReviewQueueCard data={data} />
          <StatusCountsCard data={data} />
          <PortfolioCard data={data} />
          <GrantsCard data={data} />
          <TargetsVsActualsCard data={data} />
          <RatingsCard data={data} />
        </>
      );
    case 'admin':
      return (
        <>
          {data.administration && (
            <>
              <AdminCountsCard admin={data.administration} />
              <RecentAuditCard admin={data.administration} />
              <FailedJobsCard admin={data.administration} />
            </>
          )}
          <ReviewQueueCard data={data} />
        </>
      );
    default:
      return <ResearcherCard />;
  }
};

/** The signed-in person's first screen, fed by `GET /api/dashboard` (docs/api.md, "Dashboard"). */
const RoleDashboard = () => {
  const translate = useTranslate();
  const { data, error, isPending } = useQuery({
    queryKey: ['ledger', 'dashboard'],
    queryFn: dashboardApi.get,
  });
  if (isPending) return <Loading />;
  if (error)
    return (
      <Alert severity="error">
        <AlertTitle>{translate('ledger.dashboard.loadError')}</AlertTitle>
        {translate(messageOf(error), { _: messageOf(error) })}
      </Alert>
    );
  return (
    <Stack spacing={2}>
      <Board data={data} />
    </Stack>
  );
};

export default RoleDashboard;
