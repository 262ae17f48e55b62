import { Alert, AlertTitle, Stack, TableCell, TableRow } from '@mui/material';
import { useTranslate } from 'react-admin';
import type { Disclosure, WithheldEntry, WithheldPooledResult } from './types';

/** The reason something is withheld, in the user's language (the server's words when the code is unknown). */
export const useWithheldReason = () => {
  const translate = useTranslate();
  return (entry: { code?: string; reason?: string }, disclosure?: Disclosure, k?: number) =>
    entry.code
      ? translate(`ledger.disclosure.reason.${entry.code}`, {
          _: entry.reason ?? entry.code,
          smart_count: k ?? 0,
          min: disclosure?.minStudies ?? 3,
        })
      : (entry.reason ?? '');
};

/**
 * What an outsider (a researcher) is told about the numbers on screen: counts from 1 to k−1 are
 * hidden, effects resting on them left out, pooled results need a minimum of evaluations. So that
 * nobody wonders why k differs from what the NGO or its funder sees.
 */
export const DisclosureNotice = ({ disclosure, withheld }: { disclosure?: Disclosure; withheld: WithheldEntry[] }) => {
  const translate = useTranslate();
  if (disclosure?.view !== 'outsider') return null;
  const studies = withheld.filter((w) => w.evaluationId !== undefined).length;
  return (
    <Alert severity="info" data-testid="disclosure-notice">
      {translate('ledger.disclosure.notice', {
        max: disclosure.threshold - 1,
        min: disclosure.minStudies,
      })}{' '}
      {studies > 0 && translate('ledger.disclosure.studiesWithheld', { smart_count: studies })}
    </Alert>
  );
};

/** Study-table rows for evaluations withheld from an outsider: label, design and year, no numbers. */
export const WithheldRows = ({ withheld, columns }: { withheld: WithheldEntry[]; columns: number }) => {
  const translate = useTranslate();
  const reason = useWithheldReason();
  return (
    <>
      {withheld
        .filter((w) => w.evaluationId !== undefined)
        .map((w) => (
          <TableRow key={String(w.evaluationId)} data-testid="withheld-row">
            <TableCell>
              {w.label}
              {w.design && (
                <>
                  {' '}
                  ({translate(`ledger.design.${w.design}`, { _: w.design })}
                  {w.year ? `, ${w.year}` : ''})
                </>
              )}
            </TableCell>
            <TableCell colSpan={columns - 1} sx={{ color: 'text.secondary', fontStyle: 'italic' }}>
              {reason(w)}
            </TableCell>
          </TableRow>
        ))}
    </>
  );
};

/** A pooled result withheld from an outsider: why, and which evaluations it concerns. */
export const WithheldResult = ({ result }: { result: WithheldPooledResult }) => {
  const translate = useTranslate();
  const reason = useWithheldReason();
  const [whole] = result.withheld.filter((w) => w.evaluationId === undefined);
  const studies = result.withheld.filter((w) => w.evaluationId !== undefined);
  return (
    <Stack spacing={2} data-testid="pooled-withheld">
      <Alert severity="warning">
        <AlertTitle>{translate('ledger.disclosure.resultWithheld')}</AlertTitle>
        {whole ? reason(whole, result.disclosure, result.k) : null}
      </Alert>
      <DisclosureNotice disclosure={result.disclosure} withheld={result.withheld} />
      {studies.length > 0 && (
        <ul style={{ margin: 0, paddingLeft: '1.2em' }}>
          {studies.map((w) => (
            <li key={String(w.evaluationId)}>
              {w.label}: {reason(w)}
            </li>
          ))}
        </ul>
      )}
    </Stack>
  );
};
