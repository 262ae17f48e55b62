import { Loading, Show, TabbedShowLayout } from 'react-admin';
import { lazy, Suspense } from 'react';
import { HistoryTab } from '../../common/HistoryTab';
import { useHasPermission } from '../../common/permissions';
import { OutcomesTab } from './OutcomesTab';
import { OutcomeSwitchingBanner } from './OutcomeSwitchingBanner';
import { Overview } from './Overview';
import { ReviewTab } from './ReviewTab';
import { StatusBanner } from './StatusBanner';
import { WorkflowActions } from './WorkflowActions';

// Effect sizes and the rating load only when their tab is opened.
const EffectsTab = lazy(() => import('./EffectsTab'));

export const EvaluationShow = () => {
  const canReadHistory = useHasPermission('history:read');
  return (
    <Show actions={<WorkflowActions />}>
      <StatusBanner />
      <OutcomeSwitchingBanner />
      <TabbedShowLayout>
        <TabbedShowLayout.Tab label="ledger.tabs.overview">
          <Overview />
        </TabbedShowLayout.Tab>
        <TabbedShowLayout.Tab label="ledger.tabs.outcomes" path="outcomes">
          <OutcomesTab />
        </TabbedShowLayout.Tab>
        <TabbedShowLayout.Tab label="ledger.tabs.effects" path="effects">
          <Suspense fallback={<Loading />}>
            <EffectsTab />
          </Suspense>
        </TabbedShowLayout.Tab>
        <TabbedShowLayout.Tab label="ledger.tabs.review" path="review">
          <ReviewTab />
        </TabbedShowLayout.Tab>
        {canReadHistory && (
          <TabbedShowLayout.Tab label="ledger.tabs.history" path="history">
            <HistoryTab subjectType="evaluation" />
          </TabbedShowLayout.Tab>
        )}
      </TabbedShowLayout>
    </Show>
  );
};
