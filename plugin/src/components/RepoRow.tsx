import Chip from '@mui/material/Chip';
import ListItem from '@mui/material/ListItem';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemText from '@mui/material/ListItemText';
import Stack from '@mui/material/Stack';
import { Link as RouterLink } from 'react-router-dom';
import { formatCount } from '../format.js';

/** One row of a model or dataset list: the id as a link, then what tells repositories apart. */
export function RepoRow(props: {
  to: string;
  id: string;
  tags: Array<string | null>;
  downloads: number;
  likes: number;
  updated: string | null;
}) {
  return (
    <ListItem disablePadding divider>
      <ListItemButton component={RouterLink} to={props.to}>
        <ListItemText
          primary={props.id}
          primaryTypographyProps={{ sx: { fontWeight: 600, overflowWrap: 'anywhere' } }}
          secondaryTypographyProps={{ component: 'div' }}
          secondary={
            <Stack direction="row" flexWrap="wrap" useFlexGap spacing={0.5} sx={{ mt: 0.5 }} component="span">
              {props.tags
                .filter((tag): tag is string => Boolean(tag))
                .map((tag) => (
                  <Chip key={tag} size="small" label={tag} component="span" />
                ))}
              <span>
                {formatCount(props.downloads)} downloads · {formatCount(props.likes)} likes
                {props.updated ? ` · updated ${props.updated.slice(0, 10)}` : ''}
              </span>
            </Stack>
          }
        />
      </ListItemButton>
    </ListItem>
  );
}
