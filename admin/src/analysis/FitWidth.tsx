import { Box } from '@mui/material';
import type { ReactNode } from 'react';

/**
 * Keeps wide content (a table, a plot) from widening the page: a one-column grid whose column may shrink to
 * nothing, so the content scrolls sideways inside it instead.
 */
export const FitWidth = ({ children }: { children: ReactNode }) => (
  <Box sx={{ display: 'grid', gridTemplateColumns: 'minmax(0, 1fr)' }}>
    <Box sx={{ overflowX: 'auto' }}>{children}</Box>
  </Box>
);
