import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { InferenceServer, InferenceServerState } from '@mlhub/sdk';
import { useCreateInferenceServer, useDeleteInferenceServer, useGetInferenceAvailability } from '@mlhub/sdk/react';
import { useEffect, useState } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { QueryView } from '../../components/QueryView.js';
import { Playground } from './Playground.js';
import { progressOf, ServerState } from './ServerState.js';

const LIVE: InferenceServerState[] = ['pending', 'initializing', 'running'];

/** Whether the model can be served here (and why not), its server's live state, start and stop, the playground. */
export function InferencePanel({ modelId }: { modelId: string }) {
  const availability = useGetInferenceAvailability(modelId);
  const create = useCreateInferenceServer();
  const remove = useDeleteInferenceServer();
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
            {create.isError && <ErrorAlert error={create.error} title="Could not start a server" />}
            {remove.isError && <ErrorAlert error={remove.error} title="Could not stop the server" />}
            <Stack direction="row" spacing={1}>
              {a.servable && !server && (
                <Button variant="contained" disabled={create.isPending} onClick={() => create.mutate({ modelId })}>
                  Start a server
                </Button>
              )}
              {server && (
                <Button variant="outlined" color="warning" disabled={remove.isPending} onClick={() => remove.mutate(server.id)}>
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

/** The server's state as it changes (polled while it starts), with every state seen since the page opened. */
function ServerStatus({ server }: { server: InferenceServer }) {
  const [history, setHistory] = useState<Array<{ state: InferenceServerState; message: string | null; at: string }>>([]);
  useEffect(() => {
    setHistory((seen) => {
      const last = seen[seen.length - 1];
      if (last && last.state === server.state && last.message === server.message) return seen;
      return [...seen, { state: server.state, message: server.message, at: server.updatedAt }];
    });
  }, [server.state, server.message, server.updatedAt]);
  const progress = progressOf(server.message);
  return (
    <Stack spacing={1} component="section" aria-label="Inference server">
      <Stack direction="row" spacing={1} alignItems="center" aria-live="polite">
        <Typography variant="body2">
          Server {server.id} ({server.backend}):
        </Typography>
        <ServerState state={server.state} />
        {server.message && <Typography variant="body2">{server.message}</Typography>}
      </Stack>
      {(server.state === 'pending' || server.state === 'initializing') && (
        <LinearProgress
          aria-label="Server start progress"
          {...(progress === null ? {} : { variant: 'determinate' as const, value: progress })}
        />
      )}
      {history.length > 1 && (
        <List dense aria-label="Server history">
          {history.map((entry, index) => (
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
