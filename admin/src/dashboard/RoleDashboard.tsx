import {
  Alert,
  AlertTitle,
  Box,
  Card,
  CardContent,
  Chip,
  LinearProgress,
  Link as MuiLink,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { type ReactNode } from 'react';
import { Link, Loading, useNavigate, useTranslate } from 'react-admin';
import { EVALUATION_STATUSES } from '@vocabulary/evaluations';
import { EvidenceMapGrid } from '../analysis/EvidenceMapGrid';
import CountBarChart from '../charts/CountBarChart';
import TargetChart from '../charts/TargetChart';
import { useCountryName } from '../common/choices';
import { useDateFormat, useDateTimeFormat, useMoneyFormat, useNumberFormat, usePercentFormat } from '../common/format';
import { messageOf } from '../providers/apiErrors';
import { dashboardApi } from './api';
import { GrantOffersCard } from './GrantOffersCard';
import type { DashboardData, DashboardEvaluation, DashboardGrant, DashboardPeriodDue, PortfolioRow } from './types';

const RATINGS = ['effective', 'promising', 'no_effects', 'insufficient'] as const;

const evaluationPath = (id: number) => `/evaluations/${id}/show`;

/** A titled card; `empty` (what to do next) stands in for the content when there is nothing to show. */
const Section = ({
  title,
  empty,
  isEmpty = false,
  testId,
  children,
}: {
  title: string;
  empty?: string;
  isEmpty?: boolean;
  testId: string;
  children?: ReactNode;
}) => (
  <Card component="section" aria-label={title} data-testid={testId}>
    <CardContent>
      <Stack spacing={1.5}>
        <Typography variant="h6" component="h2" sx={{ fontWeight: 500 }}>
          {title}
        </Typography>
        {isEmpty ? (
          <Typography variant="body2" color="text.secondary">
            {empty}
          </Typography>
        ) : (
          children
        )}
      </Stack>
    </CardContent>
  </Card>
);

/** One labelled count. */
const Stat = ({ label, value }: { label: string; value: string }) => (
  <Box component="dl" sx={{ m: 0 }}>
    <Typography variant="caption" color="text.secondary" component="dt">
      {label}
    </Typography>
    <Typography variant="h5" component="dd" sx={{ m: 0, fontVariantNumeric: 'tabular-nums' }}>
      {value}
    </Typography>
  </Box>
);

const EvaluationLink = ({ row }: { row: DashboardEvaluation }) => (
  <MuiLink component={Link} to={evaluationPath(row.evaluationId)}>
    {row.title}
  </MuiLink>
);

const NeedsAction = ({ data }: { data: DashboardData }) => {
  const translate = useTranslate();
  // Changes requested first: the reviewer is waiting for them.
  const rows = [...data.needsAction].sort(
    (a, b) => Number(b.reason === 'changes_requested') - Number(a.reason === 'changes_requested'),
  );
  return (
    <Section
      title={translate('ledger.dashboard.needsAction.title')}
      empty={translate('ledger.dashboard.needsAction.empty')}
      isEmpty={rows.length === 0}
      testId="dashboard-needs-action"
    >
      <Table size="small" aria-label={translate('ledger.dashboard.needsAction.title')}>
        <TableHead>
          <TableRow>
            <TableCell>{translate('ledger.dashboard.columns.evaluation')}</TableCell>
            <TableCell>{translate('ledger.dashboard.columns.program')}</TableCell>
            <TableCell>{translate('ledger.dashboard.columns.status')}</TableCell>
            <TableCell>{translate('ledger.dashboard.columns.next')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map((row) => (
            <TableRow key={row.evaluationId}>
              <TableCell>
                <EvaluationLink row={row} />
              </TableCell>
              <TableCell>{row.programName}</TableCell>
              <TableCell>
                <Chip
                  size="small"
                  color={row.reason === 'changes_requested' ? 'warning' : 'default'}
                  label={translate(`ledger.evaluationStatus.${row.reason}`)}
                />
              </TableCell>
              <TableCell>{translate(`ledger.dashboard.needsAction.next.${row.reason}`)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Section>
  );
};

const MyPrograms = ({ data }: { data: DashboardData }) => {
  const translate = useTranslate();
  const number = useNumberFormat();
  return (
    <Section
      title={translate('ledger.dashboard.programs.title')}
      empty={translate('ledger.dashboard.programs.empty')}
      isEmpty={data.programs.length === 0}
      testId="dashboard-programs"
    >
      <Table size="small" aria-label={translate('ledger.dashboard.programs.title')}>
        <TableHead>
          <TableRow>
            <TableCell>{translate('ledger.dashboard.columns.program')}</TableCell>
            <TableCell>{translate('ledger.dashboard.programs.strategy')}</TableCell>
            <TableCell>{translate('ledger.dashboard.columns.status')}</TableCell>
            <TableCell align="right">{translate('ledger.dashboard.programs.evaluations')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {data.programs.map((program) => (
            <TableRow key={program.programId}>
              <TableCell>
                <MuiLink component={Link} to={`/programs/${program.programId}/show`}>
                  {program.name}
                </MuiLink>
              </TableCell>
              <TableCell>{translate(`ledger.strategy.${program.strategy}`, { _: program.strategy })}</TableCell>
              <TableCell>{translate(`ledger.programStatus.${program.status}`, { _: program.status })}</TableCell>
              <TableCell align="right">{number(program.evaluations)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Section>
  );
};

const StatusCounts = ({ data }: { data: DashboardData }) => {
  const translate = useTranslate();
  const number = useNumberFormat();
  const total = EVALUATION_STATUSES.reduce((sum, s) => sum + (data.evaluationsByStatus[s] ?? 0), 0);
  return (
    <Section
      title={translate('ledger.dashboard.byStatus.title')}
      empty={translate(`ledger.dashboard.byStatus.empty.${data.role === 'coordinator' ? 'coordinator' : 'other'}`)}
      isEmpty={total === 0}
      testId="dashboard-by-status"
    >
      <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }}>
        {EVALUATION_STATUSES.map((status) => (
          <Chip
            key={status}
            variant={(data.evaluationsByStatus[status] ?? 0) > 0 ? 'filled' : 'outlined'}
            label={`${translate(`ledger.evaluationStatus.${status}`)}: ${number(data.evaluationsByStatus[status] ?? 0)}`}
          />
        ))}
      </Stack>
    </Section>
  );
};

const ProgressBar = ({ grant }: { grant: DashboardGrant }) => {
  const translate = useTranslate();
  const percent = usePercentFormat();
  if (grant.medianProgress === null)
    return (
      <Typography variant="body2" color="text.secondary">
        {translate('ledger.dashboard.grants.noProgress')}
      </Typography>
    );
  const label = translate('ledger.dashboard.grants.progressLabel', { percent: percent(grant.medianProgress) });
  return (
    <Stack direction="row" spacing={1} sx={{ alignItems: 'center', minWidth: 180 }}>
      <LinearProgress
        variant="determinate"
        aria-label={label}
        value={Math.max(0, Math.min(100, grant.medianProgress * 100))}
        color={grant.medianProgress >= 1 ? 'success' : 'primary'}
        sx={{ flex: 1, height: 8, borderRadius: 4 }}
      />
      <Typography variant="body2" sx={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
        {label}
      </Typography>
    </Stack>
  );
};

const Grants = ({ data }: { data: DashboardData }) => {
  const translate = useTranslate();
  const money = useMoneyFormat();
  const partner = data.role === 'coordinator' ? 'funder' : 'grantee';
  return (
    <Section
      title={translate('ledger.dashboard.grants.title')}
      empty={translate(`ledger.dashboard.grants.empty.${data.role === 'coordinator' ? 'coordinator' : 'other'}`)}
      isEmpty={data.grants.length === 0}
      testId="dashboard-grants"
    >
      <Typography variant="body2" color="text.secondary">
        {translate('ledger.dashboard.grants.intro')}
      </Typography>
      <Table size="small" aria-label={translate('ledger.dashboard.grants.title')}>
        <TableHead>
          <TableRow>
            <TableCell>{translate('ledger.dashboard.columns.grant')}</TableCell>
            <TableCell>{translate(`ledger.dashboard.columns.${partner}`)}</TableCell>
            <TableCell align="right">{translate('ledger.dashboard.columns.amount')}</TableCell>
            <TableCell>{translate('ledger.dashboard.columns.reported')}</TableCell>
            <TableCell>{translate('ledger.dashboard.columns.progress')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {data.grants.map((grant) => (
            <TableRow key={grant.grantId}>
              <TableCell>
                <MuiLink component={Link} to={`/grants/${grant.grantId}/show`}>
                  {grant.title}
                </MuiLink>
              </TableCell>
              <TableCell>{grant[partner]}</TableCell>
              <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                {money(grant.amount, grant.currency)}
              </TableCell>
              <TableCell>
                {translate('ledger.dashboard.grants.reported', {
                  reported: grant.reportedTargets,
                  smart_count: grant.targets,
                })}
              </TableCell>
              <TableCell>
                <ProgressBar grant={grant} />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Section>
  );
};

const PeriodsDue = ({ periods }: { periods: DashboardPeriodDue[] }) => {
  const translate = useTranslate();
  const date = useDateFormat();
  return (
    <Section
      title={translate('ledger.dashboard.periods.title')}
      empty={translate('ledger.dashboard.periods.empty')}
      isEmpty={periods.length === 0}
      testId="dashboard-periods"
    >
      <Stack component="ul" spacing={1} sx={{ m: 0, pl: 2.5 }}>
        {periods.map((p) => (
          <Typography
            key={p.periodId}
            component="li"
            variant="body2"
            sx={{ color: p.overdue ? 'error.main' : 'text.primary' }}
          >
            <MuiLink component={Link} to={`/grants/${p.grantId}/show/targets`} color="inherit">
              {`${p.grantTitle} · ${p.label}`}
            </MuiLink>
            {' — '}
            {translate(`ledger.dashboard.periods.${p.overdue ? 'overdue' : 'due'}`, {
              date: date(p.dueDate),
              smart_count: p.missingActuals,
            })}
          </Typography>
        ))}
      </Stack>
    </Section>
  );
};

const Comments = ({ data }: { data: DashboardData }) => {
  const translate = useTranslate();
  const dateTime = useDateTimeFormat();
  return (
    <Section
      title={translate('ledger.dashboard.comments.title')}
      empty={translate('ledger.dashboard.comments.empty')}
      isEmpty={data.latestComments.length === 0}
      testId="dashboard-comments"
    >
      <Stack spacing={1.5}>
        {data.latestComments.map((c, i) => (
          <Box key={`${c.evaluationId}-${c.at}-${i}`}>
            <Typography variant="body2" color="text.secondary">
              {translate('ledger.dashboard.comments.meta', {
                author: c.author,
                role: translate(`ledger.role.${c.role}`, { _: c.role }),
                kind: translate(`ledger.commentKind.${c.kind}`, { _: c.kind }),
                date: dateTime(c.at),
              })}
              {' · '}
              <MuiLink component={Link} to={evaluationPath(c.evaluationId)}>
                {c.title}
              </MuiLink>
            </Typography>
            {c.body && (
              <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap' }}>
                {c.body}
              </Typography>
            )}
          </Box>
        ))}
      </Stack>
    </Section>
  );
};

const ReviewQueue = ({ data }: { data: DashboardData }) => {
  const translate = useTranslate();
  return (
    <Section
      title={translate('ledger.dashboard.reviewQueue.title')}
      empty={translate('ledger.dashboard.reviewQueue.empty')}
      isEmpty={data.reviewQueue.length === 0}
      testId="dashboard-review-queue"
    >
      <Typography variant="body2" color="text.secondary">
        {translate('ledger.dashboard.reviewQueue.intro')}
      </Typography>
      <Table size="small" aria-label={translate('ledger.dashboard.reviewQueue.title')}>
        <TableHead>
          <TableRow>
            <TableCell>{translate('ledger.dashboard.columns.evaluation')}</TableCell>
            <TableCell>{translate('ledger.dashboard.columns.program')}</TableCell>
            <TableCell>{translate('ledger.dashboard.columns.ngo')}</TableCell>
            <TableCell align="right">{translate('ledger.dashboard.columns.waiting')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {data.reviewQueue.map((row) => (
            <TableRow key={row.evaluationId}>
              <TableCell>
                <EvaluationLink row={row} />
              </TableCell>
              <TableCell>{row.programName}</TableCell>
              <TableCell>{row.organizationName}</TableCell>
              <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                {translate('ledger.dashboard.reviewQueue.days', { smart_count: row.waitingDays })}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Section>
  );
};

const PortfolioTable = <T extends PortfolioRow>({
  label,
  rows,
  name,
}: {
  label: string;
  rows: T[];
  name: (row: T) => string;
}) => {
  const translate = useTranslate();
  const money = useMoneyFormat();
  const number = useNumberFormat();
  return (
    <Table size="small" aria-label={label}>
      <TableHead>
        <TableRow>
          <TableCell>{label}</TableCell>
          <TableCell align="right">{translate('ledger.dashboard.columns.grants')}</TableCell>
          <TableCell align="right">{translate('ledger.dashboard.columns.amount')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map((row) => (
          <TableRow key={name(row)}>
            <TableCell>{name(row)}</TableCell>
            <TableCell align="right">{number(row.grants)}</TableCell>
            <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
              {Object.entries(row.amounts)
                .sort(([a], [b]) => a.localeCompare(b))
                .map(([currency, amount]) => money(amount, currency))
                .join(' · ')}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
};

const Portfolio = ({ data }: { data: DashboardData }) => {
  const translate = useTranslate();
  const countryName = useCountryName();
  const money = useMoneyFormat();
  const number = useNumberFormat();
  const { byStrategy, byCountry } = data.portfolio;
  const strategyName = (strategy: string) => translate(`ledger.strategy.${strategy}`, { _: strategy });
  const amounts = (row: PortfolioRow) =>
    Object.entries(row.amounts)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([currency, amount]) => money(amount, currency))
      .join(' · ');
  const sorted = [...byStrategy].sort((a, b) => b.grants - a.grants);
  return (
    <Section
      title={translate('ledger.dashboard.portfolio.title')}
      empty={translate('ledger.dashboard.portfolio.empty')}
      isEmpty={byStrategy.length === 0 && byCountry.length === 0}
      testId="dashboard-portfolio"
    >
      <Typography variant="body2" color="text.secondary">
        {translate('ledger.dashboard.portfolio.intro')}
      </Typography>
      <Box sx={{ display: 'grid', gap: 2, alignItems: 'start', gridTemplateColumns: { xs: '1fr', lg: '1fr 1fr' } }}>
        <CountBarChart
          title={translate('ledger.dashboard.portfolio.byStrategy')}
          summary={translate('ledger.charts.portfolio.summary', {
            smart_count: sorted.length,
            top: sorted.length ? strategyName(sorted[0].strategy) : '—',
          })}
          valueLabel={translate('ledger.dashboard.columns.grants')}
          bars={sorted.map((row) => ({ label: strategyName(row.strategy), value: row.grants }))}
          table={{
            columns: [
              translate('ledger.dashboard.portfolio.byStrategy'),
              translate('ledger.dashboard.columns.grants'),
              translate('ledger.dashboard.columns.amount'),
            ],
            rows: sorted.map((row) => [strategyName(row.strategy), number(row.grants), amounts(row)]),
            numeric: [1, 2],
          }}
          testId="portfolio-chart"
        />
        <PortfolioTable
          label={translate('ledger.dashboard.portfolio.byCountry')}
          rows={byCountry}
          name={(row) => countryName(row.country)}
        />
      </Box>
    </Section>
  );
};

const Ratings = ({ data }: { data: DashboardData }) => {
  const translate = useTranslate();
  const decided = RATINGS.reduce((sum, r) => sum + (data.ratings[r] ?? 0), 0);
  return (
    <Section
      title={translate('ledger.dashboard.ratings.title')}
      empty={translate('ledger.dashboard.ratings.empty')}
      isEmpty={decided === 0 && data.ratings.approvedUndecided === 0}
      testId="dashboard-ratings"
    >
      {decided > 0 && (
        <CountBarChart
          title={translate('ledger.charts.ratings.title')}
          summary={translate('ledger.charts.ratings.summary', {
            smart_count: decided,
            effective: data.ratings.effective ?? 0,
            promising: data.ratings.promising ?? 0,
          })}
          valueLabel={translate('ledger.charts.ratings.evaluations')}
          bars={RATINGS.map((rating) => ({
            label: translate(`ledger.rating.${rating}`),
            value: data.ratings[rating] ?? 0,
          }))}
          testId="ratings-chart"
        />
      )}
      <Typography variant="body2" color={data.ratings.approvedUndecided > 0 ? 'warning.dark' : 'text.secondary'}>
        {translate('ledger.dashboard.ratings.undecided', { smart_count: data.ratings.approvedUndecided })}
      </Typography>
    </Section>
  );
};

/** Targets against actual values, one small chart per grant and indicator. */
const TargetsVsActuals = ({ data }: { data: DashboardData }) => {
  const translate = useTranslate();
  const withTargets = data.grants.filter((g) => g.indicators.length > 0);
  return (
    <Section
      title={translate('ledger.charts.target.title')}
      empty={translate(`ledger.charts.target.empty.${data.role === 'coordinator' ? 'coordinator' : 'other'}`)}
      isEmpty={withTargets.length === 0}
      testId="dashboard-targets"
    >
      {withTargets.map((grant) => (
        <Box key={grant.grantId} component="section" aria-label={grant.title}>
          <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 500 }}>
            <MuiLink component={Link} to={`/grants/${grant.grantId}/show`}>
              {grant.title}
            </MuiLink>
          </Typography>
          <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', md: '1fr 1fr', xl: '1fr 1fr 1fr' } }}>
            {grant.indicators.map((indicator) => (
              <TargetChart key={indicator.indicatorId} series={indicator} />
            ))}
          </Box>
        </Box>
      ))}
    </Section>
  );
};

const OutcomeSwitching = ({ data }: { data: DashboardData }) => {
  const translate = useTranslate();
  if (data.outcomeSwitching.length === 0) return null;
  return (
    <Alert severity="warning" data-testid="dashboard-outcome-switching">
      <AlertTitle>{translate('ledger.dashboard.switching.title')}</AlertTitle>
      <Typography variant="body2" gutterBottom>
        {translate('ledger.dashboard.switching.intro')}
      </Typography>
      <Box component="ul" sx={{ m: 0, pl: 2.5 }}>
        {data.outcomeSwitching.map((row) => (
          <li key={row.evaluationId}>
            <EvaluationLink row={row} />
            {' — '}
            {translate('ledger.dashboard.switching.change', {
              organization: row.organizationName,
              added: row.added.length,
              removed: row.removed.length,
            })}
          </li>
        ))}
      </Box>
    </Alert>
  );
};

const Administration = ({ data }: { data: DashboardData }) => {
  const translate = useTranslate();
  const number = useNumberFormat();
  const dateTime = useDateTimeFormat();
  const admin = data.administration;
  if (!admin) return null;
  return (
    <>
      <Section title={translate('ledger.dashboard.admin.title')} testId="dashboard-administration">
        <Stack direction="row" spacing={4}>
          <Stat label={translate('ledger.dashboard.admin.users')} value={number(admin.users)} />
          <Stat label={translate('ledger.dashboard.admin.organizations')} value={number(admin.organizations)} />
        </Stack>
      </Section>
      <Section
        title={translate('ledger.dashboard.admin.audit')}
        empty={translate('ledger.dashboard.admin.auditEmpty')}
        isEmpty={admin.recentAudit.length === 0}
        testId="dashboard-audit"
      >
        <Table size="small" aria-label={translate('ledger.dashboard.admin.audit')}>
          <TableHead>
            <TableRow>
              <TableCell>{translate('ledger.dashboard.columns.time')}</TableCell>
              <TableCell>{translate('ledger.dashboard.columns.action')}</TableCell>
              <TableCell>{translate('ledger.dashboard.columns.entity')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {admin.recentAudit.map((event, i) => (
              <TableRow key={`${event.at}-${i}`}>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>{dateTime(event.at)}</TableCell>
                <TableCell>{translate(`ledger.auditAction.${event.action}`, { _: event.action })}</TableCell>
                <TableCell>
                  {translate(`ledger.auditEntity.${event.entityType}`, { _: event.entityType })}
                  {event.entityId !== null ? ` #${event.entityId}` : ''}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
        <MuiLink component={Link} to="/audit-events" variant="body2">
          {translate('ledger.dashboard.admin.allAudit')}
        </MuiLink>
      </Section>
      <Section
        title={translate('ledger.dashboard.admin.failedJobs')}
        empty={translate('ledger.dashboard.admin.failedJobsEmpty')}
        isEmpty={admin.failedJobs.length === 0}
        testId="dashboard-failed-jobs"
      >
        <Table size="small" aria-label={translate('ledger.dashboard.admin.failedJobs')}>
          <TableHead>
            <TableRow>
              <TableCell>{translate('ledger.dashboard.columns.time')}</TableCell>
              <TableCell>{translate('ledger.dashboard.columns.job')}</TableCell>
              <TableCell align="right">{translate('ledger.dashboard.columns.errors')}</TableCell>
              <TableCell>{translate('ledger.dashboard.columns.message')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {admin.failedJobs.map((job) => (
              <TableRow key={job.id}>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>{dateTime(job.createdAt)}</TableCell>
                <TableCell>{`${job.kind} #${job.id}`}</TableCell>
                <TableCell align="right">{number(job.errorCount)}</TableCell>
                <TableCell>{job.message ?? '—'}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Section>
    </>
  );
};

const Researcher = () => {
  const translate = useTranslate();
  const navigate = useNavigate();
  return (
    <Section title={translate('ledger.dashboard.researcher.title')} testId="dashboard-researcher">
      <Typography variant="body1">{translate('ledger.dashboard.researcher.intro')}</Typography>
      <EvidenceMapGrid
        onPick={(strategy, indicatorId) =>
          navigate(`/analysis?${new URLSearchParams({ strategy, indicatorId: String(indicatorId) }).toString()}`)
        }
      />
      <Typography variant="body2">{translate('ledger.dashboard.researcher.dataset')}</Typography>
      <Box>
        <MuiLink component={Link} to="/analysis">
          {translate('ledger.dashboard.researcher.open')}
        </MuiLink>
      </Box>
    </Section>
  );
};

const Board = ({ data }: { data: DashboardData }) => {
  switch (data.role) {
    case 'coordinator':
      return (
        <>
          <GrantOffersCard offers={data.grantOffers ?? []} />
          <NeedsAction data={data} />
          <MyPrograms data={data} />
          <StatusCounts data={data} />
          <Grants data={data} />
          <TargetsVsActuals data={data} />
          <PeriodsDue periods={data.reportingPeriodsDue} />
          <Comments data={data} />
        </>
      );
    case 'funder':
      return (
        <>
          <OutcomeSwitching data={data} />
          <ReviewQueue data={data} />
          <StatusCounts data={data} />
          <Portfolio data={data} />
          <Grants data={data} />
          <TargetsVsActuals data={data} />
          <Ratings data={data} />
        </>
      );
    case 'admin':
      return (
        <>
          <Administration data={data} />
          <ReviewQueue data={data} />
        </>
      );
    default:
      return <Researcher />;
  }
};

/** The signed-in person's first screen, fed by `GET /api/dashboard` (docs/api.md, "Dashboard"). */
const RoleDashboard = () => {
  const translate = useTranslate();
  const { data, error, isPending } = useQuery({
    queryKey: ['ledger', 'dashboard'],
    queryFn: dashboardApi.get,
  });
  if (isPending) return <Loading />;
  if (error)
    return (
      <Alert severity="error">
        <AlertTitle>{translate('ledger.dashboard.loadError')}</AlertTitle>
        {translate(messageOf(error), { _: messageOf(error) })}
      </Alert>
    );
  return (
    <Stack spacing={2}>
      <Board data={data} />
    </Stack>
  );
};

export default RoleDashboard;
