import DownloadIcon from '@mui/icons-material/Download';
import { Alert, AlertTitle, Box, Button, Stack, Typography } from '@mui/material';
import { useRef } from 'react';
import { useTranslate } from 'react-admin';
import type { Strategy } from '@vocabulary/programs';
import { downloadText, fileSafe, svgToFile } from '../common/download';
import { AnalysisSection } from './AnalysisSection';
import { ExcludedStudies } from './ExcludedStudies';
import { FitWidth } from './FitWidth';
import { ForestPlot } from './ForestPlot';
import { useEffectMeaning } from './format';
import { FunnelPlot } from './FunnelPlot';
import type { IndicatorOption } from './indicatorOption';
import { PooledStatistics } from './PooledStatistics';
import { StudyTable } from './StudyTable';
import type { PooledResult, PooledTimepoint } from './types';
import { usePooledFormat } from './usePooledFormat';
import { DisclosureNotice } from './Withheld';

/** A released pooled estimate: summary, statistics, forest and funnel plots, the studies. */
export const PooledResults = ({
  result,
  indicator,
  strategy,
  timepoint,
}: {
  result: PooledResult;
  indicator: IndicatorOption;
  strategy: Strategy | '';
  timepoint: PooledTimepoint;
}) => {
  const translate = useTranslate();
  const meaning = useEffectMeaning();
  const forestRef = useRef<SVGSVGElement>(null);
  const { measure } = result;
  const { format, shown, interval } = usePooledFormat(measure);
  const single = result.k === 1;
  const statisticName = result.test === 'knha' ? 't' : 'z';
  const methodLabel = translate(`ledger.analysis.methodInline.${result.method}`, { _: result.method });
  const summary = translate('ledger.analysis.summary', {
    measure,
    estimate: shown(result.estimate),
    ci: interval(result.ciLow, result.ciHigh),
    statistic: `${statisticName} = ${format.fixed(result.statistic, 2)}`,
    p: format.pRelation(result.pValue),
    smart_count: result.k,
    method: methodLabel,
  });
  const description = translate('ledger.forest.description', {
    smart_count: result.k,
    indicator: `${indicator.code} — ${indicator.name}`,
    summary,
  });
  const baseName = fileSafe(
    `${indicator.code}-${strategy || 'all-strategies'}-${timepoint}-${measure}-${result.method}-${result.test}`,
  );

  const downloadSvg = () => {
    if (forestRef.current) downloadText(`forest-${baseName}.svg`, 'image/svg+xml', svgToFile(forestRef.current));
  };

  return (
    <Stack spacing={2} data-testid="pooled-result">
      <DisclosureNotice disclosure={result.disclosure} withheld={result.withheld ?? []} />
      <Alert severity="info" icon={false} data-testid="pooled-summary">
        <AlertTitle>{summary}</AlertTitle>
        {meaning(measure, result.estimate, measure === 'SMCR' ? 'post_vs_baseline' : 'treatment_vs_comparison')}{' '}
        {translate(
          single
            ? 'ledger.analysis.singleStudy'
            : result.method === 'FE'
              ? 'ledger.analysis.pooledMeaningFixed'
              : 'ledger.analysis.pooledMeaning',
        )}
      </Alert>

      <PooledStatistics result={result} />

      <AnalysisSection nested title={translate('ledger.forest.heading')} intro={translate('ledger.forest.intro')}>
        <FitWidth>
          <ForestPlot result={result} direction={indicator.direction} description={description} ref={forestRef} />
        </FitWidth>
        <Box>
          <Button variant="outlined" startIcon={<DownloadIcon />} onClick={downloadSvg}>
            {translate('ledger.analysis.downloadSvg')}
          </Button>
        </Box>
      </AnalysisSection>

      <AnalysisSection nested title={translate('ledger.funnel.heading')} intro={translate('ledger.funnel.intro')}>
        <FitWidth>
          <FunnelPlot result={result} description={translate('ledger.funnel.description', { smart_count: result.k })} />
        </FitWidth>
        {result.k < 10 && (
          <Typography variant="caption" color="text.secondary">
            {translate('ledger.funnel.fewStudies')}
          </Typography>
        )}
      </AnalysisSection>

      <StudyTable result={result} baseName={baseName} />

      {result.excluded.length > 0 && <ExcludedStudies excluded={result.excluded} />}
    </Stack>
  );
};
