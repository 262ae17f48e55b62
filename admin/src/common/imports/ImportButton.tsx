import UploadFileIcon from '@mui/icons-material/UploadFile';
import { lazy, Suspense, useState } from 'react';
import { Button } from 'react-admin';
import type { ImportDialogProps } from './ImportDialog';

// The dialog, its progress and error table load when it is first opened.
const ImportDialog = lazy(() => import('./ImportDialog'));

/**
 * A button that opens the import dialog for one endpoint. `onImported` runs after a real import wrote its
 * rows and again when the dialog closes, so whatever shows them is reloaded.
 */
export const ImportButton = ({
  label,
  variant = 'outlined',
  ...dialog
}: Omit<ImportDialogProps, 'onClose'> & { label: string; variant?: 'text' | 'outlined' | 'contained' }) => {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button label={label} variant={variant} onClick={() => setOpen(true)}>
        <UploadFileIcon />
      </Button>
      {open && (
        <Suspense fallback={null}>
          <ImportDialog
            {...dialog}
            onClose={() => {
              setOpen(false);
              dialog.onImported();
            }}
          />
        </Suspense>
      )}
    </>
  );
};
