import {
  Alert,
  Box,
  ButtonBase,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { visuallyHidden } from '@mui/utils';
import { useQuery } from '@tanstack/react-query';
import { Loading, useTranslate, type Identifier } from 'react-admin';
import type { Strategy } from '@vocabulary/programs';
import { messageOf } from '../providers/apiErrors';
import { analysisApi } from './api';
import { digitsFor, useStatFormat } from './format';
import { isRatio, type EvidenceCell, type EvidenceMap } from './types';
import { useWithheldReason } from './Withheld';

/** A diverging palette (ColorBrewer RdBu, colour-blind safe): red unfavourable, grey no effect, blue favourable. */
const STOPS: [number, [number, number, number]][] = [
  [-1, [178, 24, 43]],
  [-0.5, [239, 138, 98]],
  [0, [247, 247, 247]],
  [0.5, [103, 169, 207]],
  [1, [33, 102, 172]],
];

function interpolate(t: number): [number, number, number] {
  const v = Math.max(-1, Math.min(1, t));
  for (let i = 1; i < STOPS.length; i += 1) {
    const [t1, c1] = STOPS[i];
    const [t0, c0] = STOPS[i - 1];
    if (v <= t1) {
      const f = (v - t0) / (t1 - t0);
      return c0.map((c, j) => Math.round(c + (c1[j] - c) * f)) as [number, number, number];
    }
  }
  return STOPS[STOPS.length - 1][1];
}

export function divergingColor(t: number): string {
  return `rgb(${interpolate(t).join(', ')})`;
}

/** Black or white, whichever contrasts more with the cell's colour (WCAG relative luminance): always ≥ 4.5:1. */
export function readableTextOn(t: number): string {
  const [r, g, b] = interpolate(t).map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  return (luminance + 0.05) / 0.05 >= 1.05 / (luminance + 0.05) ? '#000' : '#fff';
}

/** Where an effect sits between clearly unfavourable (−1) and clearly favourable (+1), whatever its measure. */
function favourability(cell: EvidenceCell, direction: string | undefined): number {
  const scale = cell.measure === 'RD' ? 0.2 : isRatio(cell.measure) ? 0.9 : 0.8;
  const signed =
    direction === 'decrease'
      ? -cell.estimate
      : direction === 'increase'
        ? cell.estimate
        : (cell.favorable ? 1 : -1) * Math.abs(cell.estimate);
  return signed / scale;
}

const Legend = () => {
  const translate = useTranslate();
  const gradient = `linear-gradient(to right, ${[-1, -0.5, 0, 0.5, 1].map(divergingColor).join(', ')})`;
  return (
    <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap' }} useFlexGap>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
        <Typography variant="caption">{translate('ledger.evidenceMap.unfavourable')}</Typography>
        <Box sx={{ width: 160, height: 12, background: gradient, border: 1, borderColor: 'divider' }} aria-hidden />
        <Typography variant="caption">{translate('ledger.evidenceMap.favourable')}</Typography>
      </Stack>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
        <Box
          sx={{ width: 24, height: 12, border: 1, borderStyle: 'dashed', borderColor: 'text.disabled' }}
          aria-hidden
        />
        <Typography variant="caption">{translate('ledger.evidenceMap.noEvidence')}</Typography>
      </Stack>
    </Stack>
  );
};

/**
 * Strategy × indicator: where approved evidence exists (the REML pooled estimate of the indicator's default measure,
 * and k) and where it is missing. Choosing a cell fills the analysis selectors.
 */
export const EvidenceMapGrid = ({
  onPick,
  selected,
}: {
  onPick: (strategy: Strategy, indicatorId: Identifier) => void;
  selected?: { strategy: string; indicatorId: string };
}) => {
  const translate = useTranslate();
  const withheldReason = useWithheldReason();
  const format = useStatFormat();
  const { data, isPending, error } = useQuery<EvidenceMap>({
    queryKey: ['analysis', 'evidence-map'],
    queryFn: analysisApi.evidenceMap,
    retry: false,
  });
  if (isPending) return <Loading />;
  if (error) return <Alert severity="error">{translate(messageOf(error), { _: messageOf(error) })}</Alert>;
  if (data.indicators.length === 0 || data.cells.length === 0) {
    return (
      <Alert severity="info" data-testid="evidence-map-empty">
        {translate('ledger.evidenceMap.empty')}
      </Alert>
    );
  }
  const cellAt = new Map(data.cells.map((c) => [`${c.strategy}|${String(c.indicatorId)}`, c]));

  return (
    <Stack spacing={1} sx={{ display: 'grid', gridTemplateColumns: 'minmax(0, 1fr)' }}>
      <TableContainer sx={{ maxHeight: 440 }}>
        <Table size="small" stickyHeader aria-label={translate('ledger.evidenceMap.title')} data-testid="evidence-map">
          <TableHead>
            <TableRow>
              <TableCell sx={{ minWidth: 180 }}>{translate('ledger.evidenceMap.indicator')}</TableCell>
              {data.strategies.map((s) => (
                <TableCell key={s} align="center" sx={{ minWidth: 104, maxWidth: 130, fontSize: 12, lineHeight: 1.3 }}>
                  {translate(`ledger.strategy.${s}`, { _: s })}
                </TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {data.indicators.map((indicator) => (
              <TableRow key={String(indicator.id)}>
                <TableCell component="th" scope="row">
                  <Typography variant="body2" sx={{ fontWeight: 500 }}>
                    {indicator.code}
                  </Typography>
                  <Typography variant="caption" color="text.secondary">
                    {indicator.name}
                  </Typography>
                </TableCell>
                {data.strategies.map((strategy) => {
                  const cell = cellAt.get(`${strategy}|${String(indicator.id)}`);
                  const where = `${translate(`ledger.strategy.${strategy}`, { _: strategy })} × ${indicator.code}`;
                  if (!cell) {
                    return (
                      <TableCell key={strategy} align="center" sx={{ p: 0.5 }}>
                        <Box
                          sx={{
                            border: 1,
                            borderStyle: 'dashed',
                            borderColor: 'text.secondary',
                            color: 'text.secondary',
                            fontSize: 11,
                            py: 1,
                          }}
                        >
                          {translate('ledger.evidenceMap.noEvidence')}
                          <Box component="span" sx={visuallyHidden}>
                            {` — ${where}`}
                          </Box>
                        </Box>
                      </TableCell>
                    );
                  }
                  if (cell.withheld) {
                    const why = withheldReason(cell, data.disclosure, cell.k);
                    return (
                      <TableCell key={strategy} align="center" sx={{ p: 0.5 }}>
                        <ButtonBase
                          onClick={() => onPick(strategy, indicator.id)}
                          title={why}
                          data-testid="evidence-cell-withheld"
                          sx={{
                            width: '100%',
                            py: 0.75,
                            flexDirection: 'column',
                            border: 1,
                            borderStyle: 'dotted',
                            borderColor: 'text.secondary',
                            color: 'text.secondary',
                            borderRadius: 0.5,
                            '&.Mui-focusVisible': { outline: '3px solid', outlineColor: 'secondary.main' },
                          }}
                        >
                          <Typography variant="caption" component="span">
                            {translate('ledger.disclosure.withheldCell')}
                          </Typography>
                          <Typography variant="caption" component="span">
                            k = {cell.k}
                          </Typography>
                          <Box component="span" sx={visuallyHidden}>
                            {` — ${translate('ledger.disclosure.withheldCellLabel', { where, k: cell.k, reason: why })}`}
                          </Box>
                        </ButtonBase>
                      </TableCell>
                    );
                  }
                  const digits = digitsFor(cell.measure);
                  const ratio = isRatio(cell.measure);
                  const point = ratio ? (cell.backTransformed?.estimate ?? Math.exp(cell.estimate)) : cell.estimate;
                  const low = ratio ? (cell.backTransformed?.ciLow ?? Math.exp(cell.ciLow)) : cell.ciLow;
                  const high = ratio ? (cell.backTransformed?.ciHigh ?? Math.exp(cell.ciHigh)) : cell.ciHigh;
                  const t = favourability(cell, indicator.direction);
                  const isSelected = selected?.strategy === strategy && selected.indicatorId === String(indicator.id);
                  const label = translate('ledger.evidenceMap.cellLabel', {
                    where,
                    measure: cell.measure,
                    point: format.fixed(point, digits),
                    low: format.fixed(low, digits),
                    high: format.fixed(high, digits),
                    k: cell.k,
                  });
                  return (
                    <TableCell key={strategy} align="center" sx={{ p: 0.5 }}>
                      <ButtonBase
                        onClick={() => onPick(strategy, indicator.id)}
                        aria-pressed={isSelected}
                        title={label}
                        data-testid="evidence-cell"
                        sx={{
                          width: '100%',
                          py: 0.75,
                          flexDirection: 'column',
                          bgcolor: divergingColor(t),
                          color: readableTextOn(t),
                          outline: isSelected ? '3px solid' : 'none',
                          outlineColor: 'primary.main',
                          borderRadius: 0.5,
                          '&.Mui-focusVisible': { outline: '3px solid', outlineColor: 'secondary.main' },
                        }}
                      >
                        {/* The accessible name starts with what is visible, then says where and the interval. */}
                        <Typography variant="body2" component="span" sx={{ fontWeight: 600 }}>
                          {cell.measure} {format.fixed(point, digits)}
                        </Typography>
                        <Typography variant="caption" component="span">
                          k = {cell.k}
                        </Typography>
                        <Box component="span" sx={visuallyHidden}>
                          {` — ${label}`}
                        </Box>
                      </ButtonBase>
                    </TableCell>
                  );
                })}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>
      <Legend />
      {data.disclosure?.view === 'outsider' &&
        (data.disclosure.withheldCells ?? 0) + (data.disclosure.withheldEvaluations ?? 0) > 0 && (
          <Typography variant="caption" color="text.secondary" data-testid="evidence-map-withheld">
            {translate('ledger.disclosure.mapSummary', {
              cells: data.disclosure.withheldCells ?? 0,
              evaluations: data.disclosure.withheldEvaluations ?? 0,
              min: data.disclosure.minStudies,
            })}
          </Typography>
        )}
    </Stack>
  );
};
