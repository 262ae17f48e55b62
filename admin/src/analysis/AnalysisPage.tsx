import DownloadIcon from '@mui/icons-material/Download';
import {
  Alert,
  AlertTitle,
  Box,
  Button,
  Card,
  CardContent,
  MenuItem,
  Paper,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useRef, useState, type ReactNode } from 'react';
import {
  Link,
  Loading,
  Title,
  useCreatePath,
  useGetList,
  useLocation,
  useTranslate,
  type Identifier,
} from 'react-admin';
import type { Direction, MeasureType } from '@vocabulary/indicators';
import { STRATEGIES, type Strategy } from '@vocabulary/programs';
import { detailsOf } from '../providers/ledgerApi';
import { useHasPermission } from '../common/permissions';
import { messageOf, statusOf } from '../providers/apiErrors';
import { analysisApi } from './api';
import { downloadText, fileSafe, svgToFile, toCsv } from '../common/download';
import { DatasetSection } from './DatasetSection';
import { EvidenceMapGrid } from './EvidenceMapGrid';
import { FitWidth } from './FitWidth';
import { ForestPlot } from './ForestPlot';
import { digitsFor, toShownScale, useEffectMeaning, useStatFormat } from './format';
import { FunnelPlot } from './FunnelPlot';
import { DisclosureNotice, WithheldResult, WithheldRows } from './Withheld';
import {
  isRatio,
  MEASURES_FOR,
  META_METHODS,
  META_TESTS,
  POOLED_TIMEPOINTS,
  type EffectMeasure,
  type MetaMethod,
  type MetaTest,
  type PooledResult,
  type PooledTimepoint,
} from './types';

interface IndicatorOption {
  id: Identifier;
  code: string;
  name: string;
  measureType: MeasureType;
  direction: Direction;
  active: boolean;
}

/** A titled part of the page: a card, or an outlined panel inside one (`nested`). */
const Section = ({
  title,
  intro,
  nested = false,
  children,
}: {
  title: string;
  intro?: string;
  nested?: boolean;
  children: ReactNode;
}) => {
  const body = (
    <Stack spacing={1.5}>
      <Typography variant={nested ? 'subtitle1' : 'h6'} component={nested ? 'h3' : 'h2'} sx={{ fontWeight: 500 }}>
        {title}
      </Typography>
      {intro && (
        <Typography variant="body2" color="text.secondary">
          {intro}
        </Typography>
      )}
      {children}
    </Stack>
  );
  return nested ? (
    <Paper variant="outlined" component="section" sx={{ p: 2 }}>
      {body}
    </Paper>
  ) : (
    <Card component="section">
      <CardContent>{body}</CardContent>
    </Card>
  );
};

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

const Results = ({
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
  const format = useStatFormat();
  const meaning = useEffectMeaning();
  const createPath = useCreatePath();
  const canOpenEvaluations = useHasPermission('evaluations:read');
  const forestRef = useRef<SVGSVGElement>(null);
  const { measure } = result;
  const digits = digitsFor(measure);
  const shown = (v: number | null) => (v === null ? '—' : format.fixed(toShownScale(measure, v), digits));
  const interval = (low: number | null, high: number | null) =>
    low === null || high === null ? '—' : translate('ledger.analysis.interval', { low: shown(low), high: shown(high) });
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
  const downloadCsv = () => {
    const ratio = isRatio(measure);
    const header = [
      'evaluation_id',
      'program_id',
      'label',
      'measure',
      'yi',
      'vi',
      'se',
      'ci_low',
      'ci_high',
      ...(ratio ? ['ratio', 'ratio_ci_low', 'ratio_ci_high'] : []),
      'weight_percent',
    ];
    const rows = result.studies.map((s) => [
      String(s.evaluationId),
      String(s.programId),
      s.label,
      measure,
      s.yi,
      s.vi,
      Math.sqrt(s.vi),
      s.ciLow,
      s.ciHigh,
      ...(ratio ? [Math.exp(s.yi), Math.exp(s.ciLow), Math.exp(s.ciHigh)] : []),
      s.weight,
    ]);
    downloadText(`studies-${baseName}.csv`, 'text/csv;charset=utf-8', toCsv(header, rows));
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

      <Section nested title={translate('ledger.forest.heading')} intro={translate('ledger.forest.intro')}>
        <FitWidth>
          <ForestPlot result={result} direction={indicator.direction} description={description} ref={forestRef} />
        </FitWidth>
        <Box>
          <Button variant="outlined" startIcon={<DownloadIcon />} onClick={downloadSvg}>
            {translate('ledger.analysis.downloadSvg')}
          </Button>
        </Box>
      </Section>

      <Section nested title={translate('ledger.funnel.heading')} intro={translate('ledger.funnel.intro')}>
        <FitWidth>
          <FunnelPlot result={result} description={translate('ledger.funnel.description', { smart_count: result.k })} />
        </FitWidth>
        {result.k < 10 && (
          <Typography variant="caption" color="text.secondary">
            {translate('ledger.funnel.fewStudies')}
          </Typography>
        )}
      </Section>

      <Section nested title={translate('ledger.analysis.studiesTitle')}>
        <FitWidth>
          <Table size="small" aria-label={translate('ledger.analysis.studiesTitle')} data-testid="study-table">
            <TableHead>
              <TableRow>
                <TableCell>{translate('ledger.forest.study')}</TableCell>
                <TableCell align="right">{translate('ledger.analysis.yi', { measure })}</TableCell>
                <TableCell align="right">{translate('ledger.analysis.se')}</TableCell>
                <TableCell>{translate('ledger.forest.estimateHeader', { measure })}</TableCell>
                <TableCell align="right">{translate('ledger.forest.weight')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {result.studies.map((s) => (
                <TableRow key={String(s.evaluationId)} data-testid="study-row">
                  <TableCell>
                    {canOpenEvaluations ? (
                      <Link to={createPath({ resource: 'evaluations', type: 'show', id: s.evaluationId })}>
                        {s.label}
                      </Link>
                    ) : (
                      s.label
                    )}
                  </TableCell>
                  <TableCell align="right">{format.fixed(s.yi, 4)}</TableCell>
                  <TableCell align="right">{format.fixed(Math.sqrt(s.vi), 4)}</TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>
                    {shown(s.yi)} {interval(s.ciLow, s.ciHigh)}
                  </TableCell>
                  <TableCell align="right">{format.percent(s.weight / 100)}</TableCell>
                </TableRow>
              ))}
              <WithheldRows withheld={result.withheld ?? []} columns={5} />
            </TableBody>
          </Table>
        </FitWidth>
        <Box>
          <Button variant="outlined" startIcon={<DownloadIcon />} onClick={downloadCsv}>
            {translate('ledger.analysis.downloadCsv')}
          </Button>
        </Box>
        {isRatio(measure) && (
          <Typography variant="caption" color="text.secondary">
            {translate('ledger.analysis.yiHelpRatio')}
          </Typography>
        )}
      </Section>

      {result.excluded.length > 0 && <Excluded excluded={result.excluded} />}
    </Stack>
  );
};

const Excluded = ({ excluded }: { excluded: PooledResult['excluded'] }) => {
  const translate = useTranslate();
  return (
    <Alert severity="warning" data-testid="excluded">
      <AlertTitle>{translate('ledger.analysis.excludedTitle', { smart_count: excluded.length })}</AlertTitle>
      <ul style={{ margin: 0, paddingLeft: '1.2em' }}>
        {excluded.map((e) => (
          <li key={String(e.evaluationId)}>
            {translate('ledger.analysis.excludedLine', {
              label: e.label ?? translate('ledger.analysis.evaluationNumber', { id: String(e.evaluationId) }),
              reason: e.reason,
            })}
          </li>
        ))}
      </ul>
    </Alert>
  );
};

/** A refusal in words: 422 nothing to pool yet, 400 settings that do not fit, anything else as the server said. */
const PooledError = ({ error }: { error: unknown }) => {
  const translate = useTranslate();
  const status = statusOf(error);
  const message = translate(messageOf(error), { _: messageOf(error) });
  const details = detailsOf(error);
  const [severity, title] =
    status === 422
      ? (['info', 'ledger.analysis.nothingToPool'] as const)
      : status === 400
        ? (['warning', 'ledger.analysis.badSettings'] as const)
        : (['error', 'ledger.analysis.failed'] as const);
  return (
    <Alert severity={severity} data-testid="pooled-error">
      <AlertTitle>{translate(title)}</AlertTitle>
      {message}
      {details.length > 0 && (
        <ul style={{ margin: '0.5em 0 0', paddingLeft: '1.2em' }}>
          {details.map((d, i) => (
            <li key={i}>
              {d.field}: {d.message}
            </li>
          ))}
        </ul>
      )}
      {status === 422 && <Box sx={{ mt: 1 }}>{translate('ledger.analysis.nothingToPoolHelp')}</Box>}
    </Alert>
  );
};

/** The Analysis page: the evidence map, then a pooled estimate with its forest and funnel plots. */
const AnalysisPage = () => {
  const translate = useTranslate();
  // The researcher dashboard's evidence map links here with ?strategy=…&indicatorId=…
  const asked = new URLSearchParams(useLocation().search);
  const [strategy, setStrategy] = useState<Strategy | ''>(
    () => STRATEGIES.find((s) => s === asked.get('strategy')) ?? '',
  );
  const [indicatorId, setIndicatorId] = useState<string>(() => asked.get('indicatorId') ?? '');
  const [chosenMeasure, setChosenMeasure] = useState<EffectMeasure | ''>('');
  const [method, setMethod] = useState<MetaMethod>('REML');
  const [test, setTest] = useState<MetaTest>('z');
  const [timepoint, setTimepoint] = useState<PooledTimepoint>('post');
  const resultsRef = useRef<HTMLDivElement>(null);

  const { data: indicators = [], isPending: indicatorsPending } = useGetList<IndicatorOption>('indicators', {
    pagination: { page: 1, perPage: 1000 },
    sort: { field: 'code', order: 'ASC' },
  });
  const poolable = indicators.filter(
    (i) => MEASURES_FOR[i.measureType]?.length > 0 && (i.active || String(i.id) === String(indicatorId)),
  );
  const indicator = indicators.find((i) => String(i.id) === String(indicatorId));
  const fitting = indicator ? MEASURES_FOR[indicator.measureType] : [];
  const measure: EffectMeasure | undefined =
    chosenMeasure && fitting.includes(chosenMeasure) ? chosenMeasure : fitting[0];

  const query = indicator && measure ? { indicatorId: indicator.id, strategy, measure, method, test, timepoint } : null;
  const pooled = useQuery({
    queryKey: ['analysis', 'pooled', query],
    queryFn: () => analysisApi.pooled(query!),
    enabled: query !== null,
    retry: false,
    placeholderData: keepPreviousData,
  });

  const pick = (nextStrategy: Strategy, nextIndicator: Identifier) => {
    setStrategy(nextStrategy);
    setIndicatorId(String(nextIndicator));
    setChosenMeasure('');
    resultsRef.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  };

  return (
    <Stack spacing={2} sx={{ mt: 2, mb: 4 }}>
      <Title title="ledger.analysis.title" />
      <Typography variant="body1">{translate('ledger.analysis.intro')}</Typography>

      <Section title={translate('ledger.evidenceMap.title')} intro={translate('ledger.evidenceMap.intro')}>
        <EvidenceMapGrid onPick={pick} selected={{ strategy, indicatorId }} />
      </Section>

      <Box ref={resultsRef} sx={{ scrollMarginTop: 64 }}>
        <Section title={translate('ledger.analysis.pooledTitle')} intro={translate('ledger.analysis.pooledIntro')}>
          <Box
            sx={{
              display: 'grid',
              gap: 2,
              gridTemplateColumns: { xs: '1fr', md: 'repeat(12, 1fr)' },
              '& > :nth-of-type(1)': { gridColumn: { md: 'span 4' } },
              '& > :nth-of-type(2)': { gridColumn: { md: 'span 8' } },
              '& > :nth-of-type(3)': { gridColumn: { md: 'span 2' } },
              '& > :nth-of-type(4), & > :nth-of-type(6)': { gridColumn: { md: 'span 3' } },
              '& > :nth-of-type(5)': { gridColumn: { md: 'span 4' } },
            }}
          >
            <TextField
              select
              label={translate('ledger.analysis.strategy')}
              value={strategy}
              onChange={(e) => setStrategy(e.target.value as Strategy | '')}
              slotProps={{ select: { displayEmpty: true }, inputLabel: { shrink: true } }}
            >
              <MenuItem value="">{translate('ledger.analysis.allStrategies')}</MenuItem>
              {STRATEGIES.map((s) => (
                <MenuItem key={s} value={s}>
                  {translate(`ledger.strategy.${s}`)}
                </MenuItem>
              ))}
            </TextField>
            <TextField
              select
              label={translate('ledger.analysis.indicator')}
              value={indicator ? String(indicator.id) : ''}
              onChange={(e) => {
                setIndicatorId(e.target.value);
                setChosenMeasure('');
              }}
              disabled={indicatorsPending}
              helperText={translate('ledger.analysis.indicatorHelp')}
            >
              {poolable.map((i) => (
                <MenuItem key={String(i.id)} value={String(i.id)}>
                  {i.code} — {i.name}
                </MenuItem>
              ))}
            </TextField>
            <TextField
              select
              label={translate('ledger.analysis.timepoint')}
              value={timepoint}
              onChange={(e) => setTimepoint(e.target.value as PooledTimepoint)}
            >
              {POOLED_TIMEPOINTS.map((t) => (
                <MenuItem key={t} value={t}>
                  {translate(`ledger.timepoint.${t}`)}
                </MenuItem>
              ))}
            </TextField>
            <TextField
              select
              label={translate('ledger.analysis.measure')}
              value={measure ?? ''}
              onChange={(e) => setChosenMeasure(e.target.value as EffectMeasure)}
              disabled={!indicator}
              helperText={indicator ? undefined : translate('ledger.analysis.chooseIndicatorFirst')}
            >
              {fitting.map((m) => (
                <MenuItem key={m} value={m}>
                  {translate(`ledger.measure.${m}`)}
                </MenuItem>
              ))}
            </TextField>
            <TextField
              select
              label={translate('ledger.analysis.method')}
              value={method}
              onChange={(e) => setMethod(e.target.value as MetaMethod)}
            >
              {META_METHODS.map((m) => (
                <MenuItem key={m} value={m}>
                  {translate(`ledger.analysis.methodName.${m}`)}
                </MenuItem>
              ))}
            </TextField>
            <TextField
              select
              label={translate('ledger.analysis.test')}
              value={test}
              onChange={(e) => setTest(e.target.value as MetaTest)}
            >
              {META_TESTS.map((t) => (
                <MenuItem key={t} value={t}>
                  {translate(`ledger.analysis.testName.${t}`)}
                </MenuItem>
              ))}
            </TextField>
          </Box>

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
                <Results result={pooled.data} indicator={indicator!} strategy={strategy} timepoint={timepoint} />
              )}
            </Box>
          )}
        </Section>
      </Box>

      <Section title={translate('ledger.dataset.title')}>
        <DatasetSection
          strategy={strategy}
          indicatorId={indicator ? String(indicator.id) : ''}
          indicatorLabel={indicator ? `${indicator.code} — ${indicator.name}` : undefined}
        />
      </Section>
    </Stack>
  );
};

export default AnalysisPage;
