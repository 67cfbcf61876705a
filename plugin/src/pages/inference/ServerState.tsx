import Chip from '@mui/material/Chip';
import type { InferenceServerState } from '@mlhub/sdk';

const COLOR: Record<InferenceServerState, 'default' | 'info' | 'success' | 'error' | 'warning'> = {
  pending: 'info',
  initializing: 'info',
  running: 'success',
  failed: 'error',
  stopped: 'default',
  scaledToZero: 'warning',
};

export function ServerState({ state }: { state: InferenceServerState }) {
  return <Chip size="small" label={state} color={COLOR[state]} />;
}

/** Pull progress the control plane writes in the server's message ("pulling 40%"), as a number. */
export function progressOf(message: string | null): number | null {
  const match = /(\d{1,3}(?:\.\d+)?)\s*%/.exec(message ?? '');
  return match ? Math.min(100, Number(match[1])) : null;
}
