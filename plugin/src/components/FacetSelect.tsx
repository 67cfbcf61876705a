import FormControl from '@mui/material/FormControl';
import InputLabel from '@mui/material/InputLabel';
import MenuItem from '@mui/material/MenuItem';
import Select from '@mui/material/Select';
import type { FacetCount } from '@mlhub/sdk';

/** One facet filter: its values with their counts; the empty value means "any". */
export function FacetSelect(props: { id: string; label: string; value: string; counts: FacetCount[]; onChange: (value: string) => void }) {
  const { id, label, value, counts, onChange } = props;
  const labelId = `${id}-label`;
  // A value from the URL that the facets no longer list stays selectable, so the control shows the truth.
  const values = counts.some((c) => c.value === value) || value === '' ? counts : [{ value, count: 0 }, ...counts];
  return (
    <FormControl size="small" sx={{ minWidth: 150, flex: '1 1 150px' }}>
      <InputLabel id={labelId}>{label}</InputLabel>
      <Select labelId={labelId} id={id} label={label} value={value} onChange={(event) => onChange(event.target.value)}>
        <MenuItem value="">
          <em>Any</em>
        </MenuItem>
        {values.map((facet) => (
          <MenuItem key={facet.value} value={facet.value}>
            {facet.value} ({facet.count})
          </MenuItem>
        ))}
      </Select>
    </FormControl>
  );
}
