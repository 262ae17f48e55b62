import { Box, Stack } from '@mui/material';
import {
  ChipField,
  DateField,
  Labeled,
  ReferenceArrayField,
  ReferenceField,
  SelectField,
  SingleFieldList,
  TextField,
} from 'react-admin';
import { designChoices, evaluatorTypeChoices } from './choices';
import { CorrelationField, RevisionField, SizesField } from './OverviewFields';
import { StatusChip } from './StatusChip';

/** The Overview tab: the evaluation's fields in two columns. */
export const Overview = () => (
  <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: '1fr 1fr' }, gap: 2 }}>
    <Stack spacing={1.5}>
      <TextField source="title" variant="h5" />
      <Labeled source="status" resource="evaluations">
        <Box>
          <StatusChip />
        </Box>
      </Labeled>
      <Labeled label="resources.evaluations.fields.revision">
        <RevisionField />
      </Labeled>
      <Labeled source="programId" resource="evaluations">
        <ReferenceField source="programId" reference="programs" link="show" />
      </Labeled>
      <Labeled source="grantId" resource="evaluations">
        <ReferenceField source="grantId" reference="grants" link="show" emptyText="ledger.evaluations.noGrant" />
      </Labeled>
      <Labeled source="design" resource="evaluations">
        <SelectField source="design" choices={designChoices} />
      </Labeled>
      <Labeled source="evaluatorType" resource="evaluations">
        <SelectField source="evaluatorType" choices={evaluatorTypeChoices} />
      </Labeled>
      <Labeled source="evaluatorName" resource="evaluations">
        <TextField source="evaluatorName" emptyText="—" />
      </Labeled>
      <Stack direction="row" spacing={4}>
        <Labeled source="startDate" resource="evaluations">
          <DateField source="startDate" />
        </Labeled>
        <Labeled source="endDate" resource="evaluations">
          <DateField source="endDate" emptyText="—" />
        </Labeled>
      </Stack>
    </Stack>
    <Stack spacing={1.5}>
      <Labeled label="ledger.evaluations.sample">
        <SizesField />
      </Labeled>
      <CorrelationField />
      <Labeled source="primaryIndicatorIds" resource="evaluations">
        <ReferenceArrayField source="primaryIndicatorIds" reference="indicators">
          <SingleFieldList linkType="show" empty={<span>—</span>}>
            <ChipField source="code" size="small" />
          </SingleFieldList>
        </ReferenceArrayField>
      </Labeled>
      <Labeled source="summary" resource="evaluations">
        <TextField source="summary" emptyText="—" sx={{ whiteSpace: 'pre-wrap' }} />
      </Labeled>
      <Labeled source="limitations" resource="evaluations">
        <TextField source="limitations" emptyText="—" sx={{ whiteSpace: 'pre-wrap' }} />
      </Labeled>
      <Stack direction="row" spacing={4}>
        <Labeled source="submittedAt" resource="evaluations">
          <DateField source="submittedAt" showTime emptyText="—" />
        </Labeled>
        <Labeled source="reviewedAt" resource="evaluations">
          <DateField source="reviewedAt" showTime emptyText="—" />
        </Labeled>
        <Labeled source="updatedAt" resource="evaluations">
          <DateField source="updatedAt" showTime />
        </Labeled>
      </Stack>
    </Stack>
  </Box>
);
