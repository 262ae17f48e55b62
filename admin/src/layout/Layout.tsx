import type { ReactNode } from 'react';
import { AppBar, Layout as RaLayout, TitlePortal } from 'react-admin';
import { Typography } from '@mui/material';
import { LedgerUserMenu } from './LedgerUserMenu';
import { LedgerMenu } from './Menu';

const LedgerAppBar = () => (
  <AppBar userMenu={<LedgerUserMenu />}>
    <Typography variant="h6" component="span" sx={{ mr: 2, fontWeight: 600 }}>
      Outcome Ledger
    </Typography>
    <TitlePortal />
  </AppBar>
);

export const Layout = ({ children }: { children: ReactNode }) => (
  <RaLayout appBar={LedgerAppBar} menu={LedgerMenu}>
    {children}
  </RaLayout>
);
