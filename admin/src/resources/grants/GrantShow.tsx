import {
  ChipField,
  DateField,
  EditButton,
  Labeled,
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
import { grantConsentChoices, grantStatusChoices, reportingFrequencyChoices } from './choices';
import { ConsentActions } from './ConsentActions';
import { ReportingPeriodsTab } from './ReportingPeriodsTab';
import { TargetsTab } from './TargetsTab';
import type { Grant } from './types';

const GrantShowActions = () => {
  const grant = useRecordContext<Grant>();
  return (
    <TopToolbar>
      <ConsentActions />
      {grant?.consent === 'accepted' && <OpenDataMenu grant={grant} />}
      <EditButton />
    </TopToolbar>
  );
};

/** The grantee: its record once it accepted; until then its name only (its record is not the funder's to read). */
const Grantee = () => {
  const grant = useRecordContext<Grant>();
  return (
    <Labeled source="granteeOrganizationId" resource="grants">
      {grant?.consent === 'accepted' ? (
        <ReferenceField source="granteeOrganizationId" reference="organizations" link="show" />
      ) : (
        <TextField source="granteeName" />
      )}
    </Labeled>
  );
};

/** Why the grantee declined, once it did. */
const DeclineReason = () => {
  const grant = useRecordContext<Grant>();
  if (grant?.consent !== 'declined') return null;
  return (
    <Labeled source="declineReason" resource="grants">
      <TextField source="declineReason" />
    </Labeled>
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
          <Grantee />
          <SelectField source="consent" choices={grantConsentChoices} />
          <DeclineReason />
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
