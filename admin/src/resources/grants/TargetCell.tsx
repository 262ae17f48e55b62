import EditIcon from '@mui/icons-material/Edit';
import { Box, IconButton, Stack, TableCell, Tooltip, Typography } from '@mui/material';
import { Button, useTranslate } from 'react-admin';
import { useNumberFormat } from '../../common/format';
import { TargetProgress } from './TargetProgress';
import type { Target } from './types';

/**
 * One cell of the targets grid: baseline, target, actual value, progress and comment, with "edit" for
 * those who set targets and "report actual value" for the grantee; an empty cell offers "set".
 */
export const TargetCell = ({
  target,
  where,
  canSetTargets,
  canReport,
  onSet,
  onEdit,
  onReport,
}: {
  target?: Target;
  /** The row and period, for the buttons' accessible names. */
  where: string;
  canSetTargets: boolean;
  canReport: boolean;
  onSet: () => void;
  onEdit: (target: Target) => void;
  onReport: (target: Target) => void;
}) => {
  const translate = useTranslate();
  const number = useNumberFormat();
  if (!target) {
    return (
      <TableCell>
        {canSetTargets ? (
          <Button
            size="small"
            label="ledger.targets.set"
            aria-label={translate('ledger.targets.setFor', { where })}
            onClick={onSet}
          />
        ) : (
          <Typography variant="body2" color="text.secondary">
            —
          </Typography>
        )}
      </TableCell>
    );
  }
  return (
    <TableCell>
      <Stack spacing={0.25}>
        {target.baselineValue !== null && (
          <Typography variant="caption" color="text.secondary">
            {translate('ledger.targets.baselineIs', { value: number(target.baselineValue) })}
          </Typography>
        )}
        <Typography variant="body2">
          {translate('ledger.targets.targetIs', { value: number(target.targetValue) })}
        </Typography>
        <Typography variant="body2">
          {translate('ledger.targets.actualIs', { value: number(target.actualValue) })}
        </Typography>
        <TargetProgress progress={target.progress} />
        {target.comment && (
          <Typography variant="caption" color="text.secondary" sx={{ whiteSpace: 'pre-wrap' }}>
            {target.comment}
          </Typography>
        )}
        <Box>
          {canSetTargets && (
            <Tooltip title={translate('ledger.targets.editFor', { where })}>
              <IconButton
                size="small"
                aria-label={translate('ledger.targets.editFor', { where })}
                onClick={() => onEdit(target)}
              >
                <EditIcon fontSize="small" />
              </IconButton>
            </Tooltip>
          )}
          {canReport && (
            <Button
              size="small"
              label="ledger.targets.reportActual"
              aria-label={translate('ledger.targets.reportActualFor', { where })}
              onClick={() => onReport(target)}
            />
          )}
        </Box>
      </Stack>
    </TableCell>
  );
};
