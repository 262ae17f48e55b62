import PublicIcon from '@mui/icons-material/Public';
import { Tooltip } from '@mui/material';
import { Button, useGetList, useTranslate } from 'react-admin';
import { fileSafe } from '../../common/download';
import { useHasPermission } from '../../common/permissions';
import { startDownload } from '../../common/serverExport';

/**
 * "Download all grants as IATI" (`GET /api/organizations/:id/iati.xml`) for those who may read grants, shown
 * only when the organization has a grant they can read (as funder or grantee): otherwise the server has
 * nothing to publish (422).
 */
export const OrganizationIatiButton = ({ organization }: { organization: { id: number | string; name: string } }) => {
  const translate = useTranslate();
  const canReadGrants = useHasPermission('grants:read');
  const one = { pagination: { page: 1, perPage: 1 }, sort: { field: 'id', order: 'ASC' as const } };
  const asFunder = useGetList(
    'grants',
    { ...one, filter: { funderOrganizationId: organization.id } },
    { enabled: canReadGrants },
  );
  const asGrantee = useGetList(
    'grants',
    { ...one, filter: { granteeOrganizationId: organization.id } },
    { enabled: canReadGrants },
  );
  if (!canReadGrants || !(asFunder.total || asGrantee.total)) return null;
  return (
    <Tooltip title={translate('ledger.openData.organizationIatiHelp')}>
      <span>
        <Button
          label="ledger.openData.organizationIati"
          onClick={() =>
            startDownload(
              `/api/organizations/${encodeURIComponent(organization.id)}/iati.xml`,
              `${fileSafe(organization.name)}-iati.xml`,
            )
          }
        >
          <PublicIcon />
        </Button>
      </span>
    </Tooltip>
  );
};
