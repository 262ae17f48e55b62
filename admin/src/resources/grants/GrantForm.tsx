import { Typography } from '@mui/material';
import { useEffect, useRef } from 'react';
import { useFormContext, useWatch } from 'react-hook-form';
import {
  AutocompleteArrayInput,
  AutocompleteInput,
  DateInput,
  Labeled,
  maxLength,
  maxValue,
  minValue,
  NumberInput,
  ReferenceArrayInput,
  ReferenceField,
  ReferenceInput,
  required,
  SelectInput,
  SimpleForm,
  TextInput,
  useGetIdentity,
  useTranslate,
} from 'react-admin';
import { GRANT_LIMITS } from '@vocabulary/grants';
import { endNotBeforeStart } from '../../common/validators';
import { grantStatusChoices, reportingFrequencyChoices } from './choices';
import { CurrencyInput, isoCurrency } from './CurrencyInput';

const atMostTwoDecimals = (value: unknown) =>
  typeof value === 'number' && Math.round(value * 100) !== value * 100 ? 'ledger.validation.twoDecimals' : undefined;

const Section = ({ title }: { title: string }) => {
  const translate = useTranslate();
  return (
    <Typography variant="h6" component="h2" sx={{ mt: 2 }}>
      {translate(title)}
    </Typography>
  );
};

/** Funder and grantee are fixed once the grant exists: shown, not edited. */
const FixedOrganization = ({ source }: { source: string }) => (
  <Labeled source={source} resource="grants">
    <ReferenceField source={source} reference="organizations" link={false} />
  </Labeled>
);

/** Only administrators choose the funder; a funder's grants are always its own (the server takes it from the session). */
const FunderInput = () => {
  const { identity } = useGetIdentity();
  if (!identity) return null;
  if (identity.role !== 'admin') {
    return (
      <Labeled source="funderOrganizationId" resource="grants">
        <Typography variant="body2">{String(identity.organizationName ?? '')}</Typography>
      </Labeled>
    );
  }
  return (
    <ReferenceInput
      source="funderOrganizationId"
      reference="organizations"
      filter={{ kind: 'funder' }}
      sort={{ field: 'name', order: 'ASC' }}
    >
      <AutocompleteInput optionText="name" validate={required()} sx={{ minWidth: 360 }} />
    </ReferenceInput>
  );
};

/** The grantee's programs only; changing the grantee empties the choice. */
const ProgramsInput = () => {
  const grantee: unknown = useWatch({ name: 'granteeOrganizationId' });
  const { setValue } = useFormContext();
  const previous = useRef(grantee);
  useEffect(() => {
    if (previous.current !== grantee && previous.current !== undefined && previous.current !== null) {
      setValue('programIds', [], { shouldDirty: true });
    }
    previous.current = grantee;
  }, [grantee, setValue]);
  const hasGrantee = grantee !== undefined && grantee !== null && grantee !== '';
  return (
    <ReferenceArrayInput
      source="programIds"
      reference="programs"
      filter={hasGrantee ? { organizationId: grantee } : { id: [] }}
      sort={{ field: 'name', order: 'ASC' }}
    >
      <AutocompleteArrayInput
        optionText="name"
        validate={required()}
        disabled={!hasGrantee}
        helperText={hasGrantee ? 'ledger.grants.programsHelp' : 'ledger.grants.chooseGranteeFirst'}
        sx={{ minWidth: 360 }}
      />
    </ReferenceArrayInput>
  );
};

/**
 * The programs are the grantee's choice (PRODUCT.md hard rule 3): a funder's grant is an offer
 * the NGO accepts, choosing them; only administrators record them directly.
 */
const ProgramsOrConsentNote = () => {
  const { identity } = useGetIdentity();
  const translate = useTranslate();
  if (!identity) return null;
  if (identity.role === 'admin') return <ProgramsInput />;
  return (
    <Typography variant="body2" color="text.secondary" sx={{ maxWidth: 480 }}>
      {translate('ledger.consent.formNote')}
    </Typography>
  );
};

/** Grant create/edit form. `edit`: funder and grantee are shown read-only (they cannot change). */
export const GrantForm = ({ edit = false }: { edit?: boolean }) => (
  <SimpleForm defaultValues={{ status: 'active', reportingFrequency: 'quarterly', currency: 'USD', programIds: [] }}>
    <Section title="ledger.grants.parties" />
    {edit ? <FixedOrganization source="funderOrganizationId" /> : <FunderInput />}
    {edit ? (
      <FixedOrganization source="granteeOrganizationId" />
    ) : (
      <ReferenceInput
        source="granteeOrganizationId"
        reference="organizations"
        filter={{ kind: 'ngo' }}
        sort={{ field: 'name', order: 'ASC' }}
      >
        <AutocompleteInput optionText="name" validate={required()} sx={{ minWidth: 360 }} />
      </ReferenceInput>
    )}
    <ProgramsOrConsentNote />

    <Section title="ledger.grants.about" />
    <TextInput source="title" validate={[required(), maxLength(GRANT_LIMITS.titleLength)]} fullWidth />
    <TextInput
      source="reference"
      validate={[required(), maxLength(GRANT_LIMITS.referenceLength)]}
      helperText="ledger.grants.referenceHelp"
    />
    <NumberInput
      source="amount"
      validate={[required(), minValue(0), maxValue(GRANT_LIMITS.maxAmount), atMostTwoDecimals]}
    />
    <CurrencyInput source="currency" validate={[required(), isoCurrency]} />

    <Section title="ledger.grants.schedule" />
    <DateInput source="startDate" validate={required()} />
    <DateInput source="endDate" validate={[required(), endNotBeforeStart]} />
    <SelectInput
      source="reportingFrequency"
      choices={reportingFrequencyChoices}
      validate={required()}
      helperText={edit ? 'ledger.grants.frequencyEditHelp' : 'ledger.grants.frequencyHelp'}
    />
    <SelectInput source="status" choices={grantStatusChoices} validate={required()} />
  </SimpleForm>
);
