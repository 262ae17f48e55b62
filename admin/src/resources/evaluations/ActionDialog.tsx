import { Alert, Box, Button, Dialog, DialogActions, DialogContent, DialogTitle, TextField } from '@mui/material';
import { type ReactNode, useId, useState } from 'react';
import { useTranslate } from 'react-admin';
import { EVALUATION_LIMITS, EVALUATION_MESSAGES } from '@vocabulary/evaluations';
import { detailsOf } from '../../providers/ledgerApi';
import { messageOf } from '../../providers/apiErrors';

/**
 * Confirms a workflow action, optionally with a comment (required for "request changes"). A refusal
 * is shown in the dialog: the server's message, and the comment field's own message under it.
 */
export const ActionDialog = ({
  title,
  children,
  confirmLabel,
  commentLabel,
  commentRequired = false,
  onConfirm,
  onClose,
}: {
  title: string;
  children?: ReactNode;
  confirmLabel: string;
  /** Without it the dialog asks for no comment. */
  commentLabel?: string;
  commentRequired?: boolean;
  onConfirm: (comment: string) => Promise<void>;
  onClose: () => void;
}) => {
  const translate = useTranslate();
  const titleId = useId();
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [commentError, setCommentError] = useState<string | null>(null);
  const [touched, setTouched] = useState(false);
  const missing = commentRequired && comment.trim() === '';

  const confirm = async () => {
    setTouched(true);
    if (missing) return;
    setBusy(true);
    setFailure(null);
    setCommentError(null);
    try {
      await onConfirm(comment);
    } catch (error) {
      const fieldMessage = detailsOf(error).find((d) => d.field === 'comment')?.message;
      if (fieldMessage) setCommentError(fieldMessage);
      const message = messageOf(error);
      setFailure(translate(message, { _: message }));
      setBusy(false);
    }
  };

  const helper = commentError
    ? commentError
    : touched && missing
      ? translate('ledger.workflow.commentRequired')
      : EVALUATION_MESSAGES.noChildData;

  return (
    <Dialog open onClose={() => !busy && onClose()} maxWidth="sm" fullWidth aria-labelledby={titleId}>
      <DialogTitle id={titleId}>{translate(title)}</DialogTitle>
      <DialogContent>
        <Box sx={{ display: 'flex', flexDirection: 'column', gap: 2, pt: 1 }}>
          {children}
          {failure && (
            <Alert severity="error" role="alert">
              {failure}
            </Alert>
          )}
          {commentLabel && (
            <TextField
              label={translate(commentLabel)}
              value={comment}
              onChange={(event) => setComment(event.target.value)}
              required={commentRequired}
              multiline
              minRows={3}
              fullWidth
              autoFocus
              error={!!commentError || (touched && missing)}
              helperText={helper}
              slotProps={{ htmlInput: { maxLength: EVALUATION_LIMITS.commentLength } }}
            />
          )}
        </Box>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={busy}>
          {translate('ra.action.cancel')}
        </Button>
        <Button variant="contained" onClick={() => void confirm()} disabled={busy}>
          {translate(confirmLabel)}
        </Button>
      </DialogActions>
    </Dialog>
  );
};
