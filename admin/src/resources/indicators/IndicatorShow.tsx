import { BooleanField, NumberField, SelectField, Show, SimpleShowLayout, TextField } from 'react-admin';
import { directionChoices, levelChoices, measureTypeChoices, sdgTargetChoices } from './choices';

export const IndicatorShow = () => (
  <Show>
    <SimpleShowLayout>
      <TextField source="code" />
      <TextField source="name" variant="h5" />
      <TextField source="definition" />
      <SelectField source="level" choices={levelChoices} />
      <SelectField source="measureType" choices={measureTypeChoices} />
      <TextField source="unit" emptyText="—" />
      <SelectField source="direction" choices={directionChoices} />
      <NumberField source="minValue" emptyText="—" />
      <NumberField source="maxValue" emptyText="—" />
      <SelectField source="sdgTarget" choices={sdgTargetChoices} emptyText="—" />
      <TextField source="iatiVocabulary" emptyText="—" />
      <TextField source="iatiCode" emptyText="—" />
      <BooleanField source="active" />
    </SimpleShowLayout>
  </Show>
);
