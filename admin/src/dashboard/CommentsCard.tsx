import { Box, Link as MuiLink, Stack, Typography } from '@mui/material';
import { Link, useTranslate } from 'react-admin';
import { useDateTimeFormat } from '../common/format';
import { DashboardSection } from './DashboardSection';
import { evaluationPath } from './links';
import type { DashboardData } from './types';

export const CommentsCard = ({ data }: { data: DashboardData }) => {
  const translate = useTranslate();
  const dateTime = useDateTimeFormat();
  return (
    <DashboardSection
      title={translate('ledger.dashboard.comments.title')}
      empty={translate('ledger.dashboard.comments.empty')}
      isEmpty={data.latestComments.length === 0}
      testId="dashboard-comments"
    >
      <Stack spacing={1.5}>
        {data.latestComments.map((c, i) => (
          <Box key={`${c.evaluationId}-${c.at}-${i}`}>
            <Typography variant="body2" color="text.secondary">
              {translate('ledger.dashboard.comments.meta', {
                author: c.author,
                role: translate(`ledger.role.${c.role}`, { _: c.role }),
                kind: translate(`ledger.commentKind.${c.kind}`, { _: c.kind }),
                date: dateTime(c.at),
              })}
              {' · '}
              <MuiLink component={Link} to={evaluationPath(c.evaluationId)}>
                {c.title}
              </MuiLink>
            </Typography>
            {c.body && (
              <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap' }}>
                {c.body}
              </Typography>
            )}
          </Box>
        ))}
      </Stack>
    </DashboardSection>
  );
};
