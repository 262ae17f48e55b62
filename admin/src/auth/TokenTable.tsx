import { Chip, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { DateField, RecordContextProvider, useTranslate } from 'react-admin';
import { RevokeTokenButton } from './RevokeTokenButton';
import { tokenStatus, type TokenStatus } from './tokens';
import type { ApiToken } from './types';

const STATUS_COLOR: Record<TokenStatus, 'success' | 'default' | 'warning'> = {
  active: 'success',
  revoked: 'default',
  expired: 'warning',
};

const COLUMNS = ['name', 'scope', 'createdAt', 'expiresAt', 'lastUsedAt', 'status'] as const;

/** The user's tokens, newest first, with a Revoke button on each active one. */
export const TokenTable = ({ tokens, onRevoked }: { tokens: ApiToken[]; onRevoked: () => void }) => {
  const translate = useTranslate();
  const never = translate('ledger.tokens.never');
  if (tokens.length === 0) return <Typography variant="body2">{translate('ledger.tokens.empty')}</Typography>;
  const sorted = [...tokens].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return (
    <Table size="small">
      <TableHead>
        <TableRow>
          {COLUMNS.map((column) => (
            <TableCell key={column}>{translate(`ledger.tokens.${column}`)}</TableCell>
          ))}
          <TableCell />
        </TableRow>
      </TableHead>
      <TableBody>
        {sorted.map((token) => {
          const status = tokenStatus(token);
          return (
            <RecordContextProvider key={token.id} value={token}>
              <TableRow>
                <TableCell>{token.name}</TableCell>
                <TableCell>{translate(`ledger.tokenScope.${token.scope}`)}</TableCell>
                <TableCell>
                  <DateField source="createdAt" />
                </TableCell>
                <TableCell>
                  <DateField source="expiresAt" emptyText={never} />
                </TableCell>
                <TableCell>
                  <DateField source="lastUsedAt" showTime emptyText={never} />
                </TableCell>
                <TableCell>
                  <Chip size="small" color={STATUS_COLOR[status]} label={translate(`ledger.tokenStatus.${status}`)} />
                </TableCell>
                <TableCell align="right">
                  <RevokeTokenButton onRevoked={onRevoked} />
                </TableCell>
              </TableRow>
            </RecordContextProvider>
          );
        })}
      </TableBody>
    </Table>
  );
};
