import Button from '@mui/material/Button';
import FormControl from '@mui/material/FormControl';
import InputLabel from '@mui/material/InputLabel';
import List from '@mui/material/List';
import MenuItem from '@mui/material/MenuItem';
import Select from '@mui/material/Select';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import type { FacetCount, ListMetadata } from '@mlhub/sdk';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useUrlState } from '../url-state.js';
import { FacetSelect } from './FacetSelect.js';
import { PartialNotice } from './PartialNotice.js';
import { QueryView, type QueryState } from './QueryView.js';

const PAGE_SIZE = 20;
/** How long typing pauses before the search is sent; short enough that rows follow typing within 300 ms. */
const SEARCH_DEBOUNCE_MS = 150;
/** The first page has no cursor; the back stack marks it with this. */
const FIRST_PAGE = '-';

export type ListQuery = Record<string, string | number | boolean>;

interface FilterDef {
  /** The query parameter (and, for facets, the key of the facets answer). */
  key: string;
  label: string;
}

export interface CatalogListProps<Item> {
  noun: string;
  facets: FilterDef[];
  textFilters: FilterDef[];
  booleanFilters: FilterDef[];
  sorts: readonly string[];
  useList: (query: ListQuery) => QueryState<{ result: Item[]; metadata: ListMetadata }>;
  useFacets: (query: ListQuery) => QueryState<Record<string, FacetCount[]>>;
  renderItem: (item: Item) => ReactNode;
}

/** The search params a list page reads, in a fixed order so equal filters make equal query keys. */
function filtersFrom(params: URLSearchParams, props: Pick<CatalogListProps<unknown>, 'facets' | 'textFilters' | 'booleanFilters'>) {
  const filters: ListQuery = {};
  const search = params.get('search');
  if (search) filters.search = search;
  for (const { key } of [...props.facets, ...props.textFilters]) {
    const value = params.get(key);
    if (value) filters[key] = value;
  }
  for (const { key } of props.booleanFilters) {
    const value = params.get(key);
    if (value === 'true' || value === 'false') filters[key] = value === 'true';
  }
  return filters;
}

/** Models and Datasets: search as you type, facet filters with counts, sort both ways, cursor paging; all in the URL. */
export function CatalogList<Item>(props: CatalogListProps<Item>) {
  const { noun, facets, textFilters, booleanFilters, sorts } = props;
  const [params, update] = useUrlState();
  const filters = filtersFrom(params, props);
  const sort = params.get('sort') ?? '';
  const direction = params.get('direction') ?? '';
  const cursor = params.get('cursor') ?? '';
  const back = params.getAll('prev');
  const query: ListQuery = {
    ...filters,
    ...(sort ? { sort } : {}),
    ...(direction ? { direction } : {}),
    limit: PAGE_SIZE,
    ...(cursor ? { cursor } : {}),
  };
  const list = props.useList(query);
  const facetCounts = props.useFacets(filters);

  // A filter change starts again from the first page.
  const setFilter = (key: string, value: string) => update({ [key]: value, cursor: null, prev: null });

  const [typed, setTyped] = useState(params.get('search') ?? '');
  const urlSearch = params.get('search') ?? '';
  const lastSent = useRef(urlSearch);
  useEffect(() => {
    // Back/forward or a link changed the search: show it in the box.
    if (urlSearch !== lastSent.current) {
      lastSent.current = urlSearch;
      setTyped(urlSearch);
    }
  }, [urlSearch]);
  useEffect(() => {
    if (typed === lastSent.current) return undefined;
    const timer = setTimeout(() => {
      lastSent.current = typed;
      update({ search: typed, cursor: null, prev: null }, { replace: true });
    }, SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [typed, update]);

  return (
    <Stack spacing={2}>
      <Stack direction="row" flexWrap="wrap" useFlexGap spacing={1.5}>
        <TextField
          size="small"
          label={`Search ${noun}`}
          type="search"
          value={typed}
          onChange={(event) => setTyped(event.target.value)}
          sx={{ flex: '2 1 220px' }}
        />
        {facets.map(({ key, label }) => (
          <FacetSelect
            key={key}
            id={`facet-${key}`}
            label={label}
            value={params.get(key) ?? ''}
            counts={facetCounts.data?.[key] ?? []}
            onChange={(value) => setFilter(key, value)}
          />
        ))}
        {textFilters.map(({ key, label }) => (
          <TextFilter key={key} label={label} value={params.get(key) ?? ''} onCommit={(value) => setFilter(key, value)} />
        ))}
        {booleanFilters.map(({ key, label }) => (
          <FormControl key={key} size="small" sx={{ minWidth: 120, flex: '1 1 120px' }}>
            <InputLabel id={`bool-${key}-label`}>{label}</InputLabel>
            <Select
              labelId={`bool-${key}-label`}
              id={`bool-${key}`}
              label={label}
              value={params.get(key) ?? ''}
              onChange={(event) => setFilter(key, event.target.value)}
            >
              <MenuItem value="">
                <em>Any</em>
              </MenuItem>
              <MenuItem value="true">Yes</MenuItem>
              <MenuItem value="false">No</MenuItem>
            </Select>
          </FormControl>
        ))}
        <FormControl size="small" sx={{ minWidth: 140, flex: '1 1 140px' }}>
          <InputLabel id="sort-label">Sort by</InputLabel>
          <Select
            labelId="sort-label"
            id="sort"
            label="Sort by"
            value={sort}
            onChange={(event) => update({ sort: event.target.value, cursor: null, prev: null })}
          >
            <MenuItem value="">
              <em>Default</em>
            </MenuItem>
            {sorts.map((value) => (
              <MenuItem key={value} value={value}>
                {value}
              </MenuItem>
            ))}
          </Select>
        </FormControl>
        <Button
          variant="outlined"
          size="small"
          aria-label={`Sort direction: ${direction === 'asc' ? 'ascending' : 'descending'}; switch`}
          onClick={() => update({ direction: direction === 'asc' ? 'desc' : 'asc', cursor: null, prev: null })}
        >
          {direction === 'asc' ? 'Ascending ↑' : 'Descending ↓'}
        </Button>
      </Stack>
      <QueryView query={list} label={noun} rows={6} isEmpty={(page) => page.result.length === 0} empty={`No ${noun} match these filters.`}>
        {(page) => (
          <Stack spacing={1}>
            <PartialNotice metadata={page.metadata} />
            <Typography variant="body2" aria-live="polite">
              {page.metadata.total === null ? `${page.result.length} ${noun} on this page` : `${page.metadata.total} ${noun}`}
              {` · page ${back.length + 1}${page.metadata.total === null ? '' : ` of ${Math.max(1, Math.ceil(page.metadata.total / PAGE_SIZE))}`}`}
            </Typography>
            <List aria-label={noun}>{page.result.map((item) => props.renderItem(item))}</List>
            <Stack direction="row" spacing={1}>
              <Button
                disabled={back.length === 0}
                onClick={() => {
                  const previous = back[back.length - 1];
                  update({ cursor: previous === FIRST_PAGE ? null : previous, prev: back.slice(0, -1) });
                }}
              >
                Previous page
              </Button>
              <Button
                disabled={!page.metadata.nextCursor}
                onClick={() => update({ cursor: page.metadata.nextCursor, prev: [...back, cursor || FIRST_PAGE] })}
              >
                Next page
              </Button>
            </Stack>
          </Stack>
        )}
      </QueryView>
    </Stack>
  );
}

/** A free-text filter (author, dataset) sent when the user presses Enter or leaves the field. */
function TextFilter({ label, value, onCommit }: { label: string; value: string; onCommit: (value: string) => void }) {
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  const commit = () => {
    if (text.trim() !== value) onCommit(text.trim());
  };
  return (
    <TextField
      size="small"
      label={label}
      value={text}
      onChange={(event) => setText(event.target.value)}
      onBlur={commit}
      onKeyDown={(event) => {
        if (event.key === 'Enter') commit();
      }}
      sx={{ flex: '1 1 140px' }}
    />
  );
}
