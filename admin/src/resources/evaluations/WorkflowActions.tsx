import CheckIcon from '@mui/icons-material/Check';
import EditNoteIcon from '@mui/icons-material/EditNote';
import ForwardIcon from '@mui/icons-material/Forward';
import SendIcon from '@mui/icons-material/Send';
import UndoIcon from '@mui/icons-material/Undo';
import {
  Alert,
  AlertTitle,
  Button as MuiButton,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Typography,
} from '@mui/material';
import { useId, useState } from 'react';
import {
  Button,
  EditButton,
  TopToolbar,
  useCreatePath,
  useNotify,
  useRecordContext,
  useRedirect,
  useRefresh,
  useTranslate,
} from 'react-admin';
import { EDITABLE_STATUSES } from '@vocabulary/evaluations';
import { detailsOf } from '../../providers/ledgerApi';
import { useHasPermission } from '../../common/permissions';
import { statusOf } from '../../providers/apiErrors';
import { ActionDialog } from './ActionDialog';
import { SummaryMenu } from './SummaryMenu';
import { evaluationApi } from './api';
import type { Evaluation } from './types';

type Action = 'submit' | 'approve' | 'requestChanges' | 'amend';

/** What a 422 from submit lists: each missing piece, named by field, in plain words. */
const NotReadyDialog = ({
  details,
  onClose,
}: {
  details: { field: string; message: string }[];
  onClose: () => void;
}) => {
  const translate = useTranslate();
  const titleId = useId();
  return (
    <Dialog open onClose={onClose} maxWidth="sm" fullWidth aria-labelledby={titleId}>
      <DialogTitle id={titleId}>{translate('ledger.workflow.notReadyTitle')}</DialogTitle>
      <DialogContent>
        <Alert severity="warning" role="alert">
          <AlertTitle>{translate('ledger.workflow.notReadyIntro')}</AlertTitle>
          <ul style={{ margin: 0, paddingLeft: '1.2em' }}>
            {details.map((d, i) => (
              <li key={i}>
                <strong>{translate(`resources.evaluations.fields.${d.field.split('.')[0]}`, { _: d.field })}</strong>:{' '}
                {d.message}
              </li>
            ))}
          </ul>
        </Alert>
      </DialogContent>
      <DialogActions>
        <MuiButton variant="contained" onClick={onClose}>
          {translate('ledger.workflow.gotIt')}
        </MuiButton>
      </DialogActions>
    </Dialog>
  );
};

/**
 * The show page's toolbar: Edit while editable, and the workflow actions the signed-in user may take
 * now (submit, approve, request changes, amend). Nothing is shown that the server would refuse.
 */
export const WorkflowActions = () => {
  const record = useRecordContext<Evaluation>();
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const redirect = useRedirect();
  const createPath = useCreatePath();
  const canWrite = useHasPermission('evaluations:write');
  const canReview = useHasPermission('evaluations:review');
  const [open, setOpen] = useState<Action | null>(null);
  const [notReady, setNotReady] = useState<{ field: string; message: string }[] | null>(null);
  if (!record) return <TopToolbar />;

  const editable = EDITABLE_STATUSES.includes(record.status);
  const close = () => setOpen(null);

  /** Runs an action; a 422 from submit opens the "not ready" list, a 409 (stale or moved on) reloads. */
  const run = async (action: () => Promise<unknown>, done: string) => {
    try {
      await action();
    } catch (error) {
      const details = detailsOf(error);
      if (statusOf(error) === 422 && details.length) {
        close();
        setNotReady(details);
        return;
      }
      if (statusOf(error) === 409) refresh();
      throw error;
    }
    close();
    notify(done, { type: 'success' });
    refresh();
  };

  return (
    <TopToolbar>
      {canWrite && editable && <EditButton />}
      {canWrite && editable && (
        <Button label="ledger.workflow.submit" onClick={() => setOpen('submit')} variant="contained">
          <SendIcon />
        </Button>
      )}
      {canReview && record.status === 'submitted' && (
        <>
          <Button label="ledger.workflow.requestChanges" onClick={() => setOpen('requestChanges')} color="warning">
            <UndoIcon />
          </Button>
          <Button
            label="ledger.workflow.approve"
            onClick={() => setOpen('approve')}
            variant="contained"
            color="success"
          >
            <CheckIcon />
          </Button>
        </>
      )}
      {canWrite && record.status === 'approved' && !record.nextRevisionId && (
        <Button label="ledger.workflow.amend" onClick={() => setOpen('amend')}>
          <EditNoteIcon />
        </Button>
      )}
      {record.nextRevisionId && (
        <Button
          label="ledger.workflow.openAmendment"
          onClick={() => redirect(createPath({ resource: 'evaluations', type: 'show', id: record.nextRevisionId! }))}
        >
          <ForwardIcon />
        </Button>
      )}
      <SummaryMenu evaluationId={record.id} />

      {open === 'submit' && (
        <ActionDialog
          title="ledger.workflow.submitTitle"
          confirmLabel="ledger.workflow.submit"
          onConfirm={() => run(() => evaluationApi.submit(record), 'ledger.workflow.submitted')}
          onClose={close}
        >
          <Typography variant="body2">
            {translate(record.grantId ? 'ledger.workflow.submitHelp' : 'ledger.workflow.submitHelpNoGrant')}
          </Typography>
        </ActionDialog>
      )}
      {open === 'approve' && (
        <ActionDialog
          title="ledger.workflow.approveTitle"
          confirmLabel="ledger.workflow.approve"
          commentLabel="ledger.workflow.approveComment"
          onConfirm={(comment) => run(() => evaluationApi.approve(record, comment), 'ledger.workflow.approved')}
          onClose={close}
        >
          <Typography variant="body2">{translate('ledger.workflow.approveHelp')}</Typography>
        </ActionDialog>
      )}
      {open === 'requestChanges' && (
        <ActionDialog
          title="ledger.workflow.requestChangesTitle"
          confirmLabel="ledger.workflow.requestChanges"
          commentLabel="ledger.workflow.requestChangesComment"
          commentRequired
          onConfirm={(comment) =>
            run(() => evaluationApi.requestChanges(record, comment), 'ledger.workflow.changesRequested')
          }
          onClose={close}
        >
          <Typography variant="body2">{translate('ledger.workflow.requestChangesHelp')}</Typography>
        </ActionDialog>
      )}
      {open === 'amend' && (
        <ActionDialog
          title="ledger.workflow.amendTitle"
          confirmLabel="ledger.workflow.amend"
          commentLabel="ledger.workflow.amendComment"
          onConfirm={async (comment) => {
            try {
              const amendment = await evaluationApi.amend(record, comment);
              close();
              notify('ledger.workflow.amended', { type: 'success', messageArgs: { revision: amendment.revision } });
              redirect(createPath({ resource: 'evaluations', type: 'show', id: amendment.id }));
            } catch (error) {
              if (statusOf(error) === 409) refresh();
              throw error;
            }
          }}
          onClose={close}
        >
          <Typography variant="body2">{translate('ledger.workflow.amendHelp')}</Typography>
        </ActionDialog>
      )}
      {notReady && <NotReadyDialog details={notReady} onClose={() => setNotReady(null)} />}
    </TopToolbar>
  );
};
