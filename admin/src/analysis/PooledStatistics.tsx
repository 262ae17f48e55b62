import { Box, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import type { PooledResult } from './types';
import { usePooledFormat } from './usePooledFormat';

/** One labelled statistic; `testId` lets the browser test compare it with the API. */
const Stat = ({ label, value, testId }: { label: string; value: string; testId: string }) => (
  <Box>
    <Typography variant="caption" color="text.secondary" component="dt">
      {label}
    </Typography>
    <Typography variant="body1" component="dd" sx={{ m: 0, fontVariantNumeric: 'tabular-nums' }} data-testid={testId}>
      {value}
    </Typography>
  </Box>
);

/** The pooled estimate's statistics (k, estimate, intervals, test, heterogeneity). */
export const PooledStatistics = ({ result }: { result: PooledResult }) => {
  const translate = useTranslate();
  const { measure } = result;
  const { format, shown, interval } = usePooledFormat(measure);
  const single = result.k === 1;
  const statisticName = result.test === 'knha' ? 't' : 'z';
  return (
    <>
      <Box
        component="dl"
        sx={{ m: 0, display: 'grid', gap: 2, gridTemplateColumns: 'repeat(auto-fill, minmax(150px, 1fr))' }}
        aria-label={translate('ledger.analysis.statistics')}
      >
        <Stat label={translate('ledger.analysis.stat.k')} value={String(result.k)} testId="stat-k" />
        <Stat
          label={translate('ledger.analysis.stat.estimate', { measure })}
          value={shown(result.estimate)}
          testId="stat-estimate"
        />
        <Stat
          label={translate('ledger.analysis.stat.ci')}
          value={interval(result.ciLow, result.ciHigh)}
          testId="stat-ci"
        />
        <Stat
          label={translate('ledger.analysis.stat.test', { name: statisticName })}
          value={`${format.fixed(result.statistic, 2)} (p ${format.pRelation(result.pValue)})`}
          testId="stat-test"
        />
        <Stat label={translate('ledger.analysis.stat.tau2')} value={format.fixed(result.tau2, 4)} testId="stat-tau2" />
        <Stat label={translate('ledger.analysis.stat.tau')} value={format.fixed(result.tau, 4)} testId="stat-tau" />
        <Stat
          label={translate('ledger.analysis.stat.i2')}
          value={result.i2 === null ? '—' : `${format.fixed(result.i2, 1)} %`}
          testId="stat-i2"
        />
        <Stat label={translate('ledger.analysis.stat.h2')} value={format.fixed(result.h2, 2)} testId="stat-h2" />
        <Stat
          label={translate('ledger.analysis.stat.q', { df: result.qDf ?? '—' })}
          value={result.q === null ? '—' : `${format.fixed(result.q, 2)} (p ${format.pRelation(result.qPValue)})`}
          testId="stat-q"
        />
        <Stat
          label={translate('ledger.analysis.stat.prediction')}
          value={interval(result.predictionLow, result.predictionHigh)}
          testId="stat-prediction"
        />
      </Box>
      <Typography variant="caption" color="text.secondary">
        {translate(single ? 'ledger.analysis.heterogeneitySingle' : 'ledger.analysis.heterogeneityHelp')}
        {result.method === 'FE' && ` ${translate('ledger.analysis.feHelp')}`}
      </Typography>
    </>
  );
};
