import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableRow from '@mui/material/TableRow';

function show(value: unknown): string {
  if (Array.isArray(value)) return value.map(show).join(', ');
  if (value !== null && typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** A card's YAML metadata as a two-column table. */
export function MetadataTable({ metadata }: { metadata: Record<string, unknown> }) {
  const entries = Object.entries(metadata);
  if (entries.length === 0) return null;
  return (
    <Table size="small" aria-label="Card metadata" sx={{ mb: 2 }}>
      <TableBody>
        {entries.map(([key, value]) => (
          <TableRow key={key}>
            <TableCell component="th" scope="row" sx={{ fontWeight: 600, width: '30%' }}>
              {key}
            </TableCell>
            <TableCell sx={{ overflowWrap: 'anywhere' }}>{show(value)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
