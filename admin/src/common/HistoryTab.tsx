import {
  Alert,
  Box,
  Button,
  Chip,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import { Loading, useGetList, useRecordContext, useTranslate } from 'react-admin';
import { messageOf } from '../providers/apiErrors';
import { useDateTimeFormat, useNumberFormat } from './format';

/** The record types that have a history page. */
export type HistorySubject = 'program' | 'grant' | 'evaluation';

interface AuditRow {
  id: string | number;
  at: string;
  actorUserId: number | null;
  actorName: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

const PAGE = 50;

/** `reporting_period` → `reporting-periods`: the resource whose field labels name the changed fields. */
const resourceOf = (entityType: string) => `${entityType.replace(/_/g, '-')}s`;

/** `someField` → `Some field` for fields without a label. */
const humanize = (name: string) => {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/_/g, ' ')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
};

/** Bookkeeping and computed fields: they change with everything and say nothing about the change. */
const IGNORED = new Set(['id', 'version', 'createdAt', 'updatedAt', 'progress']);

const show = (value: unknown, number: (n: unknown) => string): string => {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'number') return number(value);
  if (Array.isArray(value)) return value.length ? value.map((v) => show(v, number)).join(', ') : '—';
  if (typeof value === 'string' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
};

/**
 * An update: one line per changed field, "Field: before → after". A create or delete: the record's
 * fields on one line, "Field: value · Field: value".
 */
const Changes = ({ row }: { row: AuditRow }) => {
  const translate = useTranslate();
  const number = useNumberFormat();
  const resource = resourceOf(row.entityType);
  const label = (key: string) => translate(`resources.${resource}.fields.${key}`, { _: humanize(key) });
  const keys = [...new Set([...Object.keys(row.before ?? {}), ...Object.keys(row.after ?? {})])].filter(
    (key) => !IGNORED.has(key),
  );
  if (keys.length === 0) return <Typography variant="body2">—</Typography>;
  if (!row.before || !row.after) {
    const values = (row.after ?? row.before)!;
    return (
      <Typography variant="body2">
        {keys.map((key, i) => (
          <span key={key}>
            {i > 0 && ' · '}
            <Box component="span" sx={{ color: 'text.secondary' }}>
              {label(key)}:
            </Box>{' '}
            {show(values[key], number)}
          </span>
        ))}
      </Typography>
    );
  }
  return (
    <Box component="ul" sx={{ m: 0, pl: 2 }}>
      {keys.map((key) => (
        <li key={key}>
          <Typography variant="body2" component="span" sx={{ fontWeight: 500 }}>
            {label(key)}:
          </Typography>{' '}
          <Typography variant="body2" component="span">
            {show(row.before?.[key], number)} → {show(row.after?.[key], number)}
          </Typography>
        </li>
      ))}
    </Box>
  );
};

/**
 * A record's history (`GET /api/audit-events?filter={"subjectType","subjectId"}`): every change to it and
 * to what belongs to it, newest first, with who did it and the fields before → after.
 */
export const HistoryTab = ({ subjectType }: { subjectType: HistorySubject }) => {
  const record = useRecordContext();
  const translate = useTranslate();
  const formatTime = useDateTimeFormat();
  const [perPage, setPerPage] = useState(PAGE);
  const { data, total, isPending, error } = useGetList<AuditRow>(
    'audit-events',
    {
      filter: { subjectType, subjectId: String(record?.id ?? '') },
      sort: { field: 'at', order: 'DESC' },
      pagination: { page: 1, perPage },
    },
    { enabled: record?.id !== undefined },
  );
  if (!record) return null;
  if (isPending) return <Loading />;
  if (error) return <Alert severity="error">{translate(messageOf(error), { _: messageOf(error) })}</Alert>;
  if (!data?.length) return <Typography variant="body2">{translate('ledger.history.empty')}</Typography>;
  return (
    <Box>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
        {translate('ledger.history.intro')}
      </Typography>
      <TableContainer>
        <Table size="small" aria-label={translate('ledger.history.title')}>
          <TableHead>
            <TableRow>
              <TableCell>{translate('ledger.history.when')}</TableCell>
              <TableCell>{translate('ledger.history.who')}</TableCell>
              <TableCell>{translate('ledger.history.action')}</TableCell>
              <TableCell>{translate('ledger.history.what')}</TableCell>
              <TableCell>{translate('ledger.history.changes')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {data.map((row) => (
              <TableRow key={row.id} sx={{ verticalAlign: 'top' }}>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatTime(row.at)}</TableCell>
                <TableCell>{row.actorName ?? translate('ledger.history.system')}</TableCell>
                <TableCell>
                  <Chip
                    size="small"
                    label={translate(`ledger.auditAction.${row.action}`, { _: humanize(row.action) })}
                  />
                </TableCell>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>
                  {translate(`ledger.auditEntity.${row.entityType}`, { _: humanize(row.entityType) })}
                  {row.entityId ? ` #${row.entityId}` : ''}
                </TableCell>
                <TableCell>
                  <Changes row={row} />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>
      {total !== undefined && total > data.length && (
        <Button sx={{ mt: 1 }} onClick={() => setPerPage((n) => n + PAGE)}>
          {translate('ledger.history.more', { count: total - data.length })}
        </Button>
      )}
    </Box>
  );
};
