import { useEffect, type ReactNode } from 'react';
import { AppBar, Layout as RaLayout, TitlePortal, useLocaleState } from 'react-admin';
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

/** Keeps `<html lang>` on the chosen language, for screen readers and the browser's hyphenation. */
export function useDocumentLanguage(): void {
  const [locale] = useLocaleState();
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
}

export const Layout = ({ children }: { children: ReactNode }) => {
  useDocumentLanguage();
  return (
    <RaLayout appBar={LedgerAppBar} menu={LedgerMenu}>
      {children}
    </RaLayout>
  );
};
