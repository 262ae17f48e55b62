import { Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { useMoneyFormat } from '../common/format';
import { DashboardSection } from './DashboardSection';
import { GrantLink } from './links';
import type { DashboardGrantOffer } from './types';

/**
 * Grants offered to the coordinator's NGO, waiting for its answer (PRODUCT.md hard rule 3): the
 * grant's page has Accept (choosing programs) and Decline. Shown only while there are offers.
 */
export const GrantOffersCard = ({ offers }: { offers: DashboardGrantOffer[] }) => {
  const translate = useTranslate();
  const money = useMoneyFormat();
  if (offers.length === 0) return null;
  const title = translate('ledger.dashboard.grantOffers.title');
  return (
    <DashboardSection title={title} testId="dashboard-grant-offers">
      <Typography variant="body2" color="text.secondary">
        {translate('ledger.dashboard.grantOffers.help')}
      </Typography>
      <Table size="small" aria-label={title}>
        <TableHead>
          <TableRow>
            <TableCell>{translate('resources.grants.fields.title')}</TableCell>
            <TableCell>{translate('resources.grants.fields.funderOrganizationId')}</TableCell>
            <TableCell align="right">{translate('resources.grants.fields.amount')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {offers.map((offer) => (
            <TableRow key={offer.grantId}>
              <TableCell>
                <GrantLink grant={offer} />
              </TableCell>
              <TableCell>{offer.funder}</TableCell>
              <TableCell align="right">{money(offer.amount, offer.currency)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </DashboardSection>
  );
};
