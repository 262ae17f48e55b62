import { Card, CardContent, Stack, Typography } from '@mui/material';
import type { ReactNode } from 'react';

/** A titled card; `empty` (what to do next) stands in for the content when there is nothing to show. */
export const DashboardSection = ({
  title,
  empty,
  isEmpty = false,
  testId,
  children,
}: {
  title: string;
  empty?: string;
  isEmpty?: boolean;
  testId: string;
  children?: ReactNode;
}) => (
  <Card component="section" aria-label={title} data-testid={testId}>
    <CardContent>
      <Stack spacing={1.5}>
        <Typography variant="h6" component="h2" sx={{ fontWeight: 500 }}>
          {title}
        </Typography>
        {isEmpty ? (
          <Typography variant="body2" color="text.secondary">
            {empty}
          </Typography>
        ) : (
          children
        )}
      </Stack>
    </CardContent>
  </Card>
);
