import KeyIcon from '@mui/icons-material/Key';
import LockResetIcon from '@mui/icons-material/LockReset';
import { Box, Divider, ListItemIcon, ListItemText, MenuItem, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { LinkBase, Logout, useGetIdentity, UserMenu, useTranslate, useUserMenu } from 'react-admin';
import { isRole } from '../common/roles';

/** Who is signed in: name, organization and role (not a menu item, so keyboard focus skips it). */
const SignedInAs = () => {
  const { identity } = useGetIdentity();
  const translate = useTranslate();
  if (!identity) return null;
  const role: unknown = identity.role;
  return (
    <Box sx={{ px: 2, pt: 1, pb: 1.5, maxWidth: 320 }}>
      <Typography variant="subtitle2">{identity.fullName}</Typography>
      <Typography variant="body2" color="text.secondary">
        {String(identity.organizationName ?? '')}
      </Typography>
      {isRole(role) && (
        <Typography variant="body2" color="text.secondary">
          {translate(`ledger.role.${role}`)}
        </Typography>
      )}
    </Box>
  );
};

const LinkItem = ({ to, label, icon }: { to: string; label: string; icon: ReactNode }) => {
  const translate = useTranslate();
  const userMenu = useUserMenu();
  return (
    <MenuItem component={LinkBase} to={to} onClick={() => userMenu?.onClose()}>
      <ListItemIcon>{icon}</ListItemIcon>
      <ListItemText>{translate(label)}</ListItemText>
    </MenuItem>
  );
};

export const LedgerUserMenu = () => {
  const { identity } = useGetIdentity();
  const translate = useTranslate();
  // The button shows the person's name; its accessible name must contain that visible text.
  const label = identity?.fullName ? translate('ledger.userMenu.label', { name: identity.fullName }) : undefined;
  return (
    <UserMenu label={label}>
      <SignedInAs />
      <Divider />
      <LinkItem to="/tokens" label="ledger.userMenu.tokens" icon={<KeyIcon fontSize="small" />} />
      <LinkItem to="/password" label="ledger.userMenu.password" icon={<LockResetIcon fontSize="small" />} />
      <Logout />
    </UserMenu>
  );
};
