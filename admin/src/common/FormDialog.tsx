import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle, Stack } from '@mui/material';
import { type ReactNode, useId, useState } from 'react';
import { Form, ResourceContextProvider, SaveButton, useTranslate, type RaRecord } from 'react-admin';
import { fieldErrorsOf, messageOf } from '../providers/apiErrors';

/**
 * A small react-admin form in a dialog. `onSubmit` saves; a server refusal shows up under the
 * field it names (`details`) or, when it names none, as an alert above the fields.
 */
export function FormDialog<Values extends Record<string, unknown>>({
  title,
  resource,
  record,
  intro,
  saveLabel = 'ra.action.save',
  onSubmit,
  onClose,
  children,
}: {
  title: string;
  /** Names the field labels: `resources.<resource>.fields.<source>`. */
  resource: string;
  record?: Partial<RaRecord> & Record<string, unknown>;
  intro?: ReactNode;
  saveLabel?: string;
  onSubmit: (values: Values) => Promise<void>;
  onClose: () => void;
  children: ReactNode;
}) {
  const translate = useTranslate();
  const titleId = useId();
  const [failure, setFailure] = useState<string | null>(null);

  const submit = async (values: Record<string, unknown>) => {
    setFailure(null);
    try {
      await onSubmit(values as Values);
      onClose();
    } catch (error) {
      const fieldErrors = fieldErrorsOf(error);
      const message = messageOf(error);
      setFailure(translate(message, { _: message }));
      if (fieldErrors) return fieldErrors;
    }
  };

  return (
    <Dialog
      open
      onClose={(_event, reason) => reason !== 'backdropClick' && onClose()}
      maxWidth="sm"
      fullWidth
      aria-labelledby={titleId}
    >
      <ResourceContextProvider value={resource}>
        <Form record={record} onSubmit={submit} noValidate>
          <DialogTitle id={titleId}>{translate(title)}</DialogTitle>
          <DialogContent>
            <Stack spacing={1} sx={{ pt: 1 }}>
              {intro}
              {failure && (
                <Alert severity="error" role="alert">
                  {failure}
                </Alert>
              )}
              {children}
            </Stack>
          </DialogContent>
          <DialogActions>
            <Button onClick={onClose}>{translate('ra.action.cancel')}</Button>
            <SaveButton label={saveLabel} alwaysEnable={false} />
          </DialogActions>
        </Form>
      </ResourceContextProvider>
    </Dialog>
  );
}
