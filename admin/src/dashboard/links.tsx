import { Link as MuiLink } from '@mui/material';
import { Link } from 'react-admin';
import type { DashboardEvaluation } from './types';

export const evaluationPath = (id: number) => `/evaluations/${id}/show`;

export const EvaluationLink = ({ row }: { row: DashboardEvaluation }) => (
  <MuiLink component={Link} to={evaluationPath(row.evaluationId)}>
    {row.title}
  </MuiLink>
);

/** A grant's title, linking to its page. */
export const GrantLink = ({ grant }: { grant: { grantId: number; title: string } }) => (
  <MuiLink component={Link} to={`/grants/${grant.grantId}/show`}>
    {grant.title}
  </MuiLink>
);
