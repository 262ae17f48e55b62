import CheckIcon from '@mui/icons-material/Check';
import CloseIcon from '@mui/icons-material/Close';
import ListAltIcon from '@mui/icons-material/ListAlt';
import {
  Button as MuiButton,
  Checkbox,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  FormControlLabel,
  FormGroup,
  TextField,
} from '@mui/material';
import { useId, useState } from 'react';
import {
  Button,
  useGetList,
  useNotify,
  useRecordContext,
  useRefresh,
  useTranslate,
  type Identifier,
} from 'react-admin';
import { GRANT_LIMITS } from '@vocabulary/grants';
import { useHasPermission } from '../../common/permissions';
import { grantApi } from './api';
import type { Grant } from './types';

type Mode = 'accept' | 'decline' | 'programs';

/** The grantee's own programs, to choose the ones the grant covers. */
const ProgramChoice = ({
  grant,
  chosen,
  onChange,
}: {
  grant: Grant;
  chosen: Identifier[];
  onChange: (ids: Identifier[]) => void;
}) => {
  const { data = [] } = useGetList<{ id: Identifier; name: string }>('programs', {
    filter: { organizationId: grant.granteeOrganizationId },
    sort: { field: 'name', order: 'ASC' },
    pagination: { page: 1, perPage: GRANT_LIMITS.maxProgramsPerGrant * 4 },
  });
  return (
    <FormGroup>
      {data.map((p) => (
        <FormControlLabel
          key={p.id}
          label={p.name}
          control={
            <Checkbox
              checked={chosen.includes(p.id)}
              onChange={(event) =>
                onChange(event.target.checked ? [...chosen, p.id] : chosen.filter((id) => id !== p.id))
              }
            />
          }
        />
      ))}
    </FormGroup>
  );
};

const ConsentDialog = ({ grant, mode, onClose }: { grant: Grant; mode: Mode; onClose: () => void }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const titleId = useId();
  const [programIds, setProgramIds] = useState<Identifier[]>(mode === 'programs' ? grant.programIds : []);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const ready = mode === 'decline' ? reason.trim() !== '' : programIds.length > 0;
  const confirm = async () => {
    setBusy(true);
    try {
      if (mode === 'accept') await grantApi.accept(grant, programIds);
      else if (mode === 'decline') await grantApi.decline(grant, reason);
      else await grantApi.setPrograms(grant, programIds);
      notify(`ledger.consent.done.${mode}`, { type: 'success' });
      refresh();
      onClose();
    } catch (error) {
      notify(error instanceof Error ? error.message : 'ra.notification.http_error', { type: 'error' });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog open onClose={onClose} maxWidth="sm" fullWidth aria-labelledby={titleId}>
      <DialogTitle id={titleId}>{translate(`ledger.consent.title.${mode}`)}</DialogTitle>
      <DialogContent>
        <DialogContentText sx={{ mb: 2 }}>{translate(`ledger.consent.help.${mode}`)}</DialogContentText>
        {mode === 'decline' ? (
          <TextField
            label={translate('ledger.consent.reason')}
            value={reason}
            onChange={(event) => setReason(event.target.value)}
            multiline
            minRows={3}
            fullWidth
            required
            slotProps={{ htmlInput: { maxLength: GRANT_LIMITS.declineReasonLength } }}
          />
        ) : (
          <ProgramChoice grant={grant} chosen={programIds} onChange={setProgramIds} />
        )}
      </DialogContent>
      <DialogActions>
        <MuiButton onClick={onClose}>{translate('ra.action.cancel')}</MuiButton>
        <MuiButton variant="contained" disabled={!ready || busy} onClick={() => void confirm()}>
          {translate(`ledger.consent.action.${mode}`)}
        </MuiButton>
      </DialogActions>
    </Dialog>
  );
};

/**
 * The grantee's answer to a grant (PRODUCT.md hard rule 3): accept an offer choosing its programs,
 * decline it with a reason, or change the programs of an accepted grant. Shown only to those who
 * decide (coordinators of the grantee, administrators).
 */
export const ConsentActions = () => {
  const grant = useRecordContext<Grant>();
  const mayDecide = useHasPermission('grants:consent');
  const [mode, setMode] = useState<Mode | null>(null);
  if (!grant || !mayDecide) return null;
  return (
    <>
      {grant.consent === 'offered' && (
        <>
          <Button label="ledger.consent.action.accept" onClick={() => setMode('accept')}>
            <CheckIcon />
          </Button>
          <Button label="ledger.consent.action.decline" onClick={() => setMode('decline')}>
            <CloseIcon />
          </Button>
        </>
      )}
      {grant.consent === 'accepted' && (
        <Button label="ledger.consent.action.programs" onClick={() => setMode('programs')}>
          <ListAltIcon />
        </Button>
      )}
      {mode && <ConsentDialog grant={grant} mode={mode} onClose={() => setMode(null)} />}
    </>
  );
};
