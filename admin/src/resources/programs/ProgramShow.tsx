import { Grid, Typography } from '@mui/material';
import {
  DateField,
  Labeled,
  NumberField,
  ReferenceField,
  SelectField,
  Show,
  TabbedShowLayout,
  TextField,
  useTranslate,
} from 'react-admin';
import { LOGIC_MODEL_PARTS } from '@vocabulary/programs';
import { HistoryTab } from '../../common/HistoryTab';
import { useHasPermission } from '../../common/permissions';
import { CountriesField, TextListField, VocabularyChipsField } from '../../common/fields';
import { programStatusChoices, settingChoices, strategyChoices } from './choices';

const LogicModel = () => {
  const translate = useTranslate();
  return (
    <>
      <Typography variant="h6" component="h2">
        {translate('ledger.programs.logicModel')}
      </Typography>
      <Grid container spacing={2}>
        {LOGIC_MODEL_PARTS.map((part) => (
          <Grid key={part} size={{ xs: 12, md: 3 }}>
            <Labeled source={part} resource="programs">
              <TextListField source={part} />
            </Labeled>
          </Grid>
        ))}
      </Grid>
    </>
  );
};

export const ProgramShow = () => {
  const canReadHistory = useHasPermission('history:read');
  return (
    <Show>
      <TabbedShowLayout>
        <TabbedShowLayout.Tab label="ledger.tabs.overview">
          <TextField source="name" variant="h5" />
          <ReferenceField source="organizationId" reference="organizations" link="show" />
          <TextField source="summary" />
          <SelectField source="strategy" choices={strategyChoices} />
          <SelectField source="status" choices={programStatusChoices} />
          <VocabularyChipsField
            source="targetPopulations"
            prefix="targetPopulation"
            label="resources.programs.fields.targetPopulations"
          />
          <SelectField source="setting" choices={settingChoices} />
          <CountriesField source="countries" label="resources.programs.fields.countries" />
          <DateField source="startDate" />
          <DateField source="endDate" emptyText="—" />
          <LogicModel />
          <DateField source="updatedAt" showTime />
          <NumberField source="version" />
        </TabbedShowLayout.Tab>
        {canReadHistory && (
          <TabbedShowLayout.Tab label="ledger.tabs.history" path="history">
            <HistoryTab subjectType="program" />
          </TabbedShowLayout.Tab>
        )}
      </TabbedShowLayout>
    </Show>
  );
};
