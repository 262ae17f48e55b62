import {
  ChipField,
  DateField,
  EditButton,
  ReferenceArrayField,
  ReferenceField,
  SelectField,
  Show,
  SingleFieldList,
  TabbedShowLayout,
  TextField,
  TopToolbar,
  useRecordContext,
} from 'react-admin';
import { HistoryTab } from '../../common/HistoryTab';
import { useHasPermission } from '../../common/permissions';
import { AmountField } from './AmountField';
import { OpenDataMenu } from './OpenDataMenu';
import { grantStatusChoices, reportingFrequencyChoices } from './choices';
import { ReportingPeriodsTab } from './ReportingPeriodsTab';
import { TargetsTab } from './TargetsTab';
import type { Grant } from './types';

const GrantShowActions = () => {
  const grant = useRecordContext<Grant>();
  return (
    <TopToolbar>
      {grant && <OpenDataMenu grant={grant} />}
      <EditButton />
    </TopToolbar>
  );
};

export const GrantShow = () => {
  const canReadHistory = useHasPermission('history:read');
  return (
    <Show actions={<GrantShowActions />}>
      <TabbedShowLayout>
        <TabbedShowLayout.Tab label="ledger.tabs.overview">
          <TextField source="title" variant="h5" />
          <TextField source="reference" />
          <ReferenceField source="funderOrganizationId" reference="organizations" link="show" />
          <ReferenceField source="granteeOrganizationId" reference="organizations" link="show" />
          <ReferenceArrayField source="programIds" reference="programs">
            <SingleFieldList linkType="show">
              <ChipField source="name" size="small" />
            </SingleFieldList>
          </ReferenceArrayField>
          <AmountField source="amount" label="resources.grants.fields.amount" />
          <DateField source="startDate" />
          <DateField source="endDate" />
          <SelectField source="reportingFrequency" choices={reportingFrequencyChoices} />
          <SelectField source="status" choices={grantStatusChoices} />
          <DateField source="updatedAt" showTime />
        </TabbedShowLayout.Tab>
        <TabbedShowLayout.Tab label="ledger.tabs.periods" path="periods">
          <ReportingPeriodsTab />
        </TabbedShowLayout.Tab>
        <TabbedShowLayout.Tab label="ledger.tabs.targets" path="targets">
          <TargetsTab />
        </TabbedShowLayout.Tab>
        {canReadHistory && (
          <TabbedShowLayout.Tab label="ledger.tabs.history" path="history">
            <HistoryTab subjectType="grant" />
          </TabbedShowLayout.Tab>
        )}
      </TabbedShowLayout>
    </Show>
  );
};
