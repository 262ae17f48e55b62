import { useCallback } from 'react';
import {
  AutocompleteInput,
  BooleanInput,
  email,
  FormDataConsumer,
  type Identifier,
  maxLength,
  ReferenceInput,
  required,
  SaveButton,
  SelectInput,
  SimpleForm,
  TextInput,
  Toolbar,
  useGetOne,
  useTranslate,
} from 'react-admin';
import type { OrganizationKind } from '@vocabulary/organizations';
import { isRole, ROLE_ORGANIZATION_KIND, roleChoices } from '../../common/roles';

interface OrganizationOption {
  id: Identifier;
  name: string;
  kind: OrganizationKind;
}

/** Only the fields the API accepts: create `{email, displayName, organizationId, role, active}`, update adds `version`. */
export const toUserPayload = (data: Record<string, unknown>) => ({
  email: typeof data.email === 'string' ? data.email.trim() : data.email,
  displayName: typeof data.displayName === 'string' ? data.displayName.trim() : data.displayName,
  organizationId: data.organizationId,
  role: data.role,
  active: data.active ?? true,
  ...(data.version === undefined ? {} : { version: data.version }),
});

/** Same rule as the server: the role must fit the kind of the chosen organization. */
const RoleInput = ({ organizationId }: { organizationId?: Identifier | null }) => {
  const hasOrganization = organizationId != null && organizationId !== '';
  const { data: organization } = useGetOne<OrganizationOption>(
    'organizations',
    { id: organizationId ?? '' },
    { enabled: hasOrganization },
  );
  const kind = hasOrganization ? organization?.kind : undefined;
  const fitsOrganization = useCallback(
    (value: unknown) =>
      isRole(value) && kind !== undefined && ROLE_ORGANIZATION_KIND[value] !== kind
        ? `ledger.validation.roleNeedsKind.${value}`
        : undefined,
    [kind],
  );
  return (
    <SelectInput
      source="role"
      choices={roleChoices}
      validate={[required(), fitsOrganization]}
      helperText="ledger.users.roleHelp"
      sx={{ minWidth: 280 }}
    />
  );
};

/** No Delete: users are deactivated, not removed. */
const UserToolbar = () => (
  <Toolbar>
    <SaveButton />
  </Toolbar>
);

export const UserForm = () => {
  const translate = useTranslate();
  const organizationText = (o: OrganizationOption) =>
    o ? `${o.name} (${translate(`ledger.organizationKind.${o.kind}`)})` : '';
  return (
    <SimpleForm defaultValues={{ active: true }} toolbar={<UserToolbar />}>
      <TextInput
        source="email"
        type="email"
        validate={[required(), email('ledger.validation.invalidEmail'), maxLength(320)]}
        sx={{ minWidth: 360 }}
      />
      <TextInput source="displayName" validate={[required(), maxLength(200)]} sx={{ minWidth: 360 }} />
      <ReferenceInput source="organizationId" reference="organizations" sort={{ field: 'name', order: 'ASC' }}>
        <AutocompleteInput optionText={organizationText} validate={required()} sx={{ minWidth: 360 }} />
      </ReferenceInput>
      <FormDataConsumer<{ organizationId?: Identifier | null }>>
        {({ formData }) => <RoleInput organizationId={formData.organizationId} />}
      </FormDataConsumer>
      <BooleanInput source="active" helperText="ledger.users.activeHelp" />
    </SimpleForm>
  );
};
