import { useCallback, type ReactNode } from 'react';
import { AppBar, Layout as RaLayout, TitlePortal, useTranslate } from 'react-admin';
import { ThemeProvider, Typography, type Theme } from '@mui/material';
import { useDocumentLanguage } from '../common/useDocumentLanguage';
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

/** Every spinner (react-admin's loading indicator included) is named for screen readers, in the chosen language. */
const NamedSpinners = ({ children }: { children: ReactNode }) => {
  const translate = useTranslate();
  const label = translate('ra.page.loading');
  const withLabel = useCallback(
    (outer: Theme): Theme => ({
      ...outer,
      components: {
        ...outer.components,
        MuiCircularProgress: {
          ...outer.components?.MuiCircularProgress,
          defaultProps: { ...outer.components?.MuiCircularProgress?.defaultProps, 'aria-label': label },
        },
      },
    }),
    [label],
  );
  return <ThemeProvider theme={withLabel}>{children}</ThemeProvider>;
};

export const Layout = ({ children }: { children: ReactNode }) => {
  useDocumentLanguage();
  return (
    <NamedSpinners>
      <RaLayout appBar={LedgerAppBar} menu={LedgerMenu}>
        {children}
      </RaLayout>
    </NamedSpinners>
  );
};
