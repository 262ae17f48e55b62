import { Box } from '@mui/material';
import { LocalesMenuButton, Login, LoginForm } from 'react-admin';
import { useDocumentLanguage } from '../common/useDocumentLanguage';

/** react-admin's sign-in form, with the language menu: people choose their language before signing in. */
export const LoginPage = () => {
  useDocumentLanguage();
  return (
    <Login>
      <Box sx={{ display: 'flex', justifyContent: 'flex-end', px: 1, pt: 1 }}>
        <LocalesMenuButton />
      </Box>
      <LoginForm />
    </Login>
  );
};
