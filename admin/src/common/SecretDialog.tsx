import ContentCopyIcon from '@mui/icons-material/ContentCopy';
import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  IconButton,
  InputAdornment,
  Stack,
  TextField,
  Tooltip,
} from '@mui/material';
import { type ReactNode, useId, useRef } from 'react';
import { useNotify, useTranslate } from 'react-admin';

/** A read-only text (token, one-time link) with a copy button; falls back to selecting it for a manual copy. */
export const CopyableSecret = ({ value, label }: { value: string; label: string }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const inputRef = useRef<HTMLInputElement>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      notify('ledger.secret.copied', { type: 'success' });
    } catch {
      inputRef.current?.select();
      notify('ledger.secret.copyFailed', { type: 'warning' });
    }
  };
  const copyLabel = translate('ledger.secret.copy');
  return (
    <TextField
      value={value}
      label={translate(label)}
      fullWidth
      inputRef={inputRef}
      slotProps={{
        htmlInput: { readOnly: true, spellCheck: false, sx: { fontFamily: 'monospace' } },
        input: {
          endAdornment: (
            <InputAdornment position="end">
              <Tooltip title={copyLabel}>
                <IconButton aria-label={copyLabel} onClick={() => void copy()} edge="end">
                  <ContentCopyIcon />
                </IconButton>
              </Tooltip>
            </InputAdornment>
          ),
        },
      }}
    />
  );
};

/**
 * Shows a secret once: explanation, the value with a copy button, and "Done". A click beside the
 * dialog does not close it, so the secret is not lost by accident.
 */
export const SecretDialog = ({
  title,
  label,
  value,
  onClose,
  children,
}: {
  title: string;
  label: string;
  value: string;
  onClose: () => void;
  children: ReactNode;
}) => {
  const translate = useTranslate();
  const titleId = useId();
  return (
    <Dialog
      open
      onClose={(_event, reason) => reason !== 'backdropClick' && onClose()}
      maxWidth="sm"
      fullWidth
      aria-labelledby={titleId}
    >
      <DialogTitle id={titleId}>{translate(title)}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }}>
          {children}
          <CopyableSecret value={value} label={label} />
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button variant="contained" onClick={onClose}>
          {translate('ledger.secret.done')}
        </Button>
      </DialogActions>
    </Dialog>
  );
};
