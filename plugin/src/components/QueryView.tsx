import Alert from '@mui/material/Alert';
import Skeleton from '@mui/material/Skeleton';
import Stack from '@mui/material/Stack';
import type { ReactNode } from 'react';
import { ErrorAlert } from './ErrorAlert.js';

/** The part of a React Query result this view reads (v5 `useQuery`). */
export interface QueryState<T> {
  data: T | undefined;
  error: unknown;
  isPending: boolean;
  isError: boolean;
}

export interface QueryViewProps<T> {
  query: QueryState<T>;
  /** What is being loaded, for the skeleton's accessible label ("models"). */
  label: string;
  /** True when the answer holds nothing to show. */
  isEmpty?: (data: T) => boolean;
  empty?: ReactNode;
  /** Skeleton rows while pending. */
  rows?: number;
  children: (data: T) => ReactNode;
}

/** Skeleton rows standing for what is loading. */
function Pending({ label, rows }: { label: string; rows: number }) {
  return (
    <Stack spacing={1} role="progressbar" aria-label={`Loading ${label}`} aria-busy="true">
      {Array.from({ length: rows }, (_, index) => (
        <Skeleton key={index} variant="rounded" height={32} />
      ))}
    </Stack>
  );
}

/** What a page shows while its code loads (the pages opened later are loaded when first opened). */
export function PagePending() {
  return <Pending label="the page" rows={3} />;
}

/** The one place that renders pending, error and empty for every query of the tab. */
export function QueryView<T>({ query, label, isEmpty, empty, rows = 3, children }: QueryViewProps<T>) {
  if (query.isPending) return <Pending label={label} rows={rows} />;
  if (query.isError || query.data === undefined) return <ErrorAlert error={query.error} title={`Could not load ${label}`} />;
  if (isEmpty?.(query.data))
    return (
      <Alert severity="info" role="status">
        {empty ?? `No ${label}.`}
      </Alert>
    );
  return <>{children(query.data)}</>;
}
