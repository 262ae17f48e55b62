import DownloadIcon from '@mui/icons-material/GetApp';
import { ListItemText, ListSubheader, Menu, MenuItem } from '@mui/material';
import { useId, useState, type ReactNode } from 'react';
import { Button, useTranslate } from 'react-admin';

export interface DownloadChoice {
  /** i18n key of the menu entry. */
  label: string;
  /** i18n key of the entry's second line. */
  help?: string;
  onSelect: () => void;
}

/** A toolbar button that opens a short menu of download formats. */
export const DownloadMenuButton = ({
  label,
  heading,
  choices,
  disabled,
  icon = <DownloadIcon />,
  variant,
}: {
  label: string;
  /** An already translated line above the choices. */
  heading?: string;
  choices: DownloadChoice[];
  disabled?: boolean;
  icon?: ReactNode;
  variant?: 'text' | 'outlined' | 'contained';
}) => {
  const translate = useTranslate();
  const menuId = useId();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  return (
    <>
      <Button
        label={label}
        disabled={disabled}
        variant={variant}
        onClick={(event) => setAnchor(event.currentTarget)}
        aria-haspopup="menu"
        aria-controls={anchor ? menuId : undefined}
        aria-expanded={anchor ? 'true' : undefined}
      >
        {icon}
      </Button>
      <Menu id={menuId} anchorEl={anchor} open={!!anchor} onClose={() => setAnchor(null)}>
        {heading && <ListSubheader sx={{ lineHeight: 2.5 }}>{heading}</ListSubheader>}
        {choices.map((choice) => (
          <MenuItem
            key={choice.label}
            onClick={() => {
              setAnchor(null);
              choice.onSelect();
            }}
          >
            <ListItemText primary={translate(choice.label)} secondary={choice.help && translate(choice.help)} />
          </MenuItem>
        ))}
      </Menu>
    </>
  );
};
