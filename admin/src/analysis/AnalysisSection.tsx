import { Card, CardContent, Paper, Stack, Typography } from '@mui/material';
import type { ReactNode } from 'react';

/** A titled part of the page: a card, or an outlined panel inside one (`nested`). */
export const AnalysisSection = ({
  title,
  intro,
  nested = false,
  children,
}: {
  title: string;
  intro?: string;
  nested?: boolean;
  children: ReactNode;
}) => {
  const body = (
    <Stack spacing={1.5}>
      <Typography variant={nested ? 'subtitle1' : 'h6'} component={nested ? 'h3' : 'h2'} sx={{ fontWeight: 500 }}>
        {title}
      </Typography>
      {intro && (
        <Typography variant="body2" color="text.secondary">
          {intro}
        </Typography>
      )}
      {children}
    </Stack>
  );
  return nested ? (
    <Paper variant="outlined" component="section" sx={{ p: 2 }}>
      {body}
    </Paper>
  ) : (
    <Card component="section">
      <CardContent>{body}</CardContent>
    </Card>
  );
};
