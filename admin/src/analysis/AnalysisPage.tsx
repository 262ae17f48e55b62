import { Alert, Box, Stack, Typography } from '@mui/material';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useRef } from 'react';
import { Loading, Title, useTranslate, type Identifier } from 'react-admin';
import type { Strategy } from '@vocabulary/programs';
import { AnalysisSection } from './AnalysisSection';
import { analysisApi } from './api';
import { DatasetSection } from './DatasetSection';
import { EvidenceMapGrid } from './EvidenceMapGrid';
import { PooledError } from './PooledError';
import { PooledResults } from './PooledResults';
import { PooledSettings } from './PooledSettings';
import { usePooledSettings } from './usePooledSettings';
import { WithheldResult } from './Withheld';

/** The Analysis page: the evidence map, then a pooled estimate with its forest and funnel plots. */
const AnalysisPage = () => {
  const translate = useTranslate();
  const settings = usePooledSettings();
  const { choices, choose, indicator, query } = settings;
  const resultsRef = useRef<HTMLDivElement>(null);

  const pooled = useQuery({
    queryKey: ['analysis', 'pooled', query],
    queryFn: () => analysisApi.pooled(query!),
    enabled: query !== null,
    retry: false,
    placeholderData: keepPreviousData,
  });

  const pick = (nextStrategy: Strategy, nextIndicator: Identifier) => {
    choose({ strategy: nextStrategy, indicatorId: String(nextIndicator), chosenMeasure: '' });
    resultsRef.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  };

  return (
    <Stack spacing={2} sx={{ mt: 2, mb: 4 }}>
      <Title title="ledger.analysis.title" />
      <Typography variant="body1">{translate('ledger.analysis.intro')}</Typography>

      <AnalysisSection title={translate('ledger.evidenceMap.title')} intro={translate('ledger.evidenceMap.intro')}>
        <EvidenceMapGrid onPick={pick} selected={{ strategy: choices.strategy, indicatorId: choices.indicatorId }} />
      </AnalysisSection>

      <Box ref={resultsRef} sx={{ scrollMarginTop: 64 }}>
        <AnalysisSection
          title={translate('ledger.analysis.pooledTitle')}
          intro={translate('ledger.analysis.pooledIntro')}
        >
          <PooledSettings settings={settings} />

          {!query ? (
            <Alert severity="info" data-testid="pooled-prompt">
              {translate('ledger.analysis.choose')}
            </Alert>
          ) : pooled.isPending ? (
            <Loading />
          ) : pooled.error ? (
            <PooledError error={pooled.error} />
          ) : (
            <Box sx={{ opacity: pooled.isPlaceholderData ? 0.5 : 1 }} aria-busy={pooled.isPlaceholderData}>
              {pooled.data.released === false ? (
                <WithheldResult result={pooled.data} />
              ) : (
                <PooledResults
                  result={pooled.data}
                  indicator={indicator!}
                  strategy={choices.strategy}
                  timepoint={choices.timepoint}
                />
              )}
            </Box>
          )}
        </AnalysisSection>
      </Box>

      <AnalysisSection title={translate('ledger.dataset.title')}>
        <DatasetSection
          strategy={choices.strategy}
          indicatorId={indicator ? String(indicator.id) : ''}
          indicatorLabel={indicator ? `${indicator.code} — ${indicator.name}` : undefined}
        />
      </AnalysisSection>
    </Stack>
  );
};

export default AnalysisPage;
