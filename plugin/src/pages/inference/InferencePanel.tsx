import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { InferenceServer, InferenceServerState } from '@mlhub/sdk';
import {
  useCreateInferenceServer,
  useCreateModelPull,
  useDeleteInferenceServer,
  useGetInferenceAvailability,
  useGetInferenceServerHistory,
  useGetModelPull,
} from '@mlhub/sdk/react';
import { useEffect } from 'react';
import { formatBytes } from '../../format.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { QueryView } from '../../components/QueryView.js';
import { Playground } from './Playground.js';
import { ServerState } from './ServerState.js';

const LIVE: InferenceServerState[] = ['pending', 'initializing', 'running'];

/** Whether the model can be served here (and why not), its server's live state, start and stop, the playground. */
export function InferencePanel({ modelId }: { modelId: string }) {
  const availability = useGetInferenceAvailability(modelId);
  const create = useCreateInferenceServer();
  const remove = useDeleteInferenceServer();
  const pull = useCreateModelPull();
  // The control plane answers 422 with hint 'createModelPull' when the model's files must be pulled first.
  const needsPull = create.isError && create.error.status === 422 && create.error.details?.['hint'] === 'createModelPull';
  return (
    <QueryView query={availability} label="inference availability">
      {(a) => {
        const server = a.server && LIVE.includes(a.server.state) ? a.server : null;
        return (
          <Stack spacing={2}>
            {a.servable ? (
              <Alert severity="success" role="status">
                This model can be served here.
              </Alert>
            ) : (
              <Alert severity="info" role="status">
                This model cannot be served here: {a.reason ?? 'no reason given'}.
              </Alert>
            )}
            {a.server && <ServerStatus server={a.server} />}
            {create.isError && !needsPull && <ErrorAlert error={create.error} title="Could not start a server" />}
            {needsPull && !pull.data && (
              <Alert
                severity="info"
                action={
                  <Button disabled={pull.isPending} onClick={() => pull.mutate({ modelId })}>
                    Pull the model
                  </Button>
                }
              >
                This model's files are not on this site yet: pull them first.
              </Alert>
            )}
            {pull.isError && <ErrorAlert error={pull.error} title="Could not pull the model" />}
            {pull.data && <PullProgress jobId={pull.data.id} onDone={() => create.reset()} />}
            {remove.isError && <ErrorAlert error={remove.error} title="Could not stop the server" />}
            <Stack direction="row" spacing={1}>
              {a.servable && !server && (
                <Button variant="contained" disabled={create.isPending} onClick={() => create.mutate({ modelId })}>
                  Start a server
                </Button>
              )}
              {server && (
                <Button variant="outlined" color="error" disabled={remove.isPending} onClick={() => remove.mutate(server.id)}>
                  Stop the server
                </Button>
              )}
            </Stack>
            {server?.state === 'running' && <Playground modelId={modelId} />}
          </Stack>
        );
      }}
    </QueryView>
  );
}

/** A pull job's progress: queued, bytes downloaded of the total, verifying, done or failed. */
function PullProgress({ jobId, onDone }: { jobId: string; onDone: () => void }) {
  const job = useGetModelPull(jobId);
  const state = job.data?.state;
  useEffect(() => {
    if (state === 'done') onDone();
    // Once per state change: onDone is a fresh closure on every render.
  }, [state]);
  return (
    <QueryView query={job} label="model pull">
      {(p) => {
        const percent = p.bytesTotal ? Math.min(100, (100 * p.bytesDone) / p.bytesTotal) : null;
        return (
          <Stack spacing={1} component="section" aria-label="Model pull">
            <Typography variant="body2" aria-live="polite">
              Pull {p.state}
              {p.state === 'downloading' && p.bytesTotal !== null ? `: ${formatBytes(p.bytesDone)} of ${formatBytes(p.bytesTotal)}` : ''}
              {p.message ? ` · ${p.message}` : ''}
            </Typography>
            {(p.state === 'queued' || p.state === 'downloading' || p.state === 'verifying') && (
              <LinearProgress
                aria-label="Pull progress"
                {...(percent === null || p.state !== 'downloading' ? {} : { variant: 'determinate' as const, value: percent })}
              />
            )}
          </Stack>
        );
      }}
    </QueryView>
  );
}

/** The server's live state, and every state it went through (from the control plane's history). */
function ServerStatus({ server }: { server: InferenceServer }) {
  const starting = server.state === 'pending' || server.state === 'initializing';
  const history = useGetInferenceServerHistory(server.id, starting);
  const refetch = history.refetch;
  useEffect(() => {
    void refetch();
  }, [server.state, refetch]);
  return (
    <Stack spacing={1} component="section" aria-label="Inference server">
      <Stack direction="row" spacing={1} alignItems="center" aria-live="polite">
        <Typography variant="body2">
          Server {server.id} ({server.backend}):
        </Typography>
        <ServerState state={server.state} />
        {server.message && <Typography variant="body2">{server.message}</Typography>}
      </Stack>
      {starting && <LinearProgress aria-label="Server start progress" />}
      {history.data && history.data.length > 0 && (
        <List dense aria-label="Server history">
          {history.data.map((entry, index) => (
            <ListItem key={index} disableGutters>
              {new Date(entry.at).toLocaleTimeString()} · {entry.state}
              {entry.message ? ` · ${entry.message}` : ''}
            </ListItem>
          ))}
        </List>
      )}
    </Stack>
  );
}
