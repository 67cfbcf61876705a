import Box from '@mui/material/Box';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { CopyButton } from './CopyButton.js';

/** A titled block of code with a copy button. */
export function CodeBlock({ title, code }: { title: string; code: string }) {
  return (
    <Box component="section" aria-label={title} sx={{ my: 1 }}>
      <Stack direction="row" alignItems="center" justifyContent="space-between">
        <Typography variant="subtitle2" component="h4">
          {title}
        </Typography>
        <CopyButton text={code} label={title} />
      </Stack>
      <Box component="pre" sx={{ p: 1, overflowX: 'auto', bgcolor: 'action.hover', borderRadius: 1, fontSize: 13, m: 0 }}>
        <code>{code}</code>
      </Box>
    </Box>
  );
}
