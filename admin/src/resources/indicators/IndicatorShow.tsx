import { Box } from '@mui/material';
import { lazy, Suspense } from 'react';
import {
  BooleanField,
  Labeled,
  Loading,
  NumberField,
  SelectField,
  Show,
  SimpleShowLayout,
  TextField,
  useRecordContext,
} from 'react-admin';
import { directionChoices, levelChoices, measureTypeChoices, rateBaseChoices, sdgTargetChoices } from './choices';

// recharts loads only when an indicator has a context series.
const ContextSeriesChart = lazy(() => import('../../charts/ContextSeriesChart'));

interface IndicatorRecord {
  name: string;
  unit: string;
  contextSeries?: { year: number; value: number }[];
}

const ContextSeries = () => {
  const record = useRecordContext<IndicatorRecord & { id: number }>();
  if (!record?.contextSeries?.length) return null;
  return (
    <Labeled label="resources.indicators.fields.contextSeries">
      <Box sx={{ maxWidth: 720, width: '100%' }}>
        <Suspense fallback={<Loading />}>
          <ContextSeriesChart name={record.name} unit={record.unit} series={record.contextSeries} />
        </Suspense>
      </Box>
    </Labeled>
  );
};

export const IndicatorShow = () => (
  <Show>
    <SimpleShowLayout>
      <TextField source="code" />
      <TextField source="name" variant="h5" />
      <TextField source="definition" />
      <SelectField source="level" choices={levelChoices} />
      <SelectField source="measureType" choices={measureTypeChoices} />
      <SelectField source="rateBase" choices={rateBaseChoices} emptyText="—" />
      <TextField source="unit" emptyText="—" />
      <SelectField source="direction" choices={directionChoices} />
      <NumberField source="minValue" emptyText="—" />
      <NumberField source="maxValue" emptyText="—" />
      <SelectField source="sdgTarget" choices={sdgTargetChoices} emptyText="—" />
      <TextField source="iatiVocabulary" emptyText="—" />
      <TextField source="iatiCode" emptyText="—" />
      <BooleanField source="active" />
      <ContextSeries />
      <TextField source="contextSource" emptyText="—" />
    </SimpleShowLayout>
  </Show>
);
