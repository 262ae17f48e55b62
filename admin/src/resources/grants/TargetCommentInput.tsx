import { maxLength, TextInput } from 'react-admin';
import { EVALUATION_MESSAGES } from '@vocabulary/evaluations';
import { GRANT_LIMITS } from '@vocabulary/grants';

/** A target's comment: aggregate words only, never data about a child. */
export const TargetCommentInput = () => (
  <TextInput
    source="comment"
    multiline
    minRows={2}
    fullWidth
    validate={maxLength(GRANT_LIMITS.commentLength)}
    helperText={EVALUATION_MESSAGES.noChildData}
  />
);
