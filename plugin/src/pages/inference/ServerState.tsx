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
