import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Link from '@mui/material/Link';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useDeleteInferenceServer, useListInferenceServers } from '@mlhub/sdk/react';
import { Link as RouterLink } from 'react-router-dom';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { QueryView } from '../components/QueryView.js';
import { formatAge } from '../format.js';
import { idPath, useTab } from '../tab-context.js';
import { ServerState } from './inference/ServerState.js';

export function ServersPage() {
  const { base, username } = useTab();
  const servers = useListInferenceServers({ limit: 100 });
  const stop = useDeleteInferenceServer();
  return (
    <>
      <Typography variant="h5" component="h2" gutterBottom>
        Inference servers
      </Typography>
      {stop.isError && <ErrorAlert error={stop.error} title="Could not stop the server" />}
      <QueryView
        query={servers}
        label="inference servers"
        isEmpty={(page) => page.result.length === 0}
        empty="No inference servers are running."
      >
        {(page) => (
          <TableContainer>
            <Table size="small" aria-label="Inference servers">
              <TableHead>
                <TableRow>
                  <TableCell>Server</TableCell>
                  <TableCell>State</TableCell>
                  <TableCell>Model</TableCell>
                  <TableCell>Owner</TableCell>
                  <TableCell>Age</TableCell>
                  <TableCell>Endpoint</TableCell>
                  <TableCell>
                    <Box component="span" sx={{ position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)' }}>
                      Actions
                    </Box>
                  </TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {page.result.map((server) => (
                  <TableRow key={server.id}>
                    <TableCell>{server.id}</TableCell>
                    <TableCell>
                      <ServerState state={server.state} />
                    </TableCell>
                    <TableCell sx={{ overflowWrap: 'anywhere' }}>
                      <Link component={RouterLink} to={`${base}/models/${idPath(server.modelId)}?tab=inference`}>
                        {server.modelId}
                      </Link>
                    </TableCell>
                    <TableCell>{server.createdBy}</TableCell>
                    <TableCell>{formatAge(server.createdAt)}</TableCell>
                    <TableCell sx={{ overflowWrap: 'anywhere' }}>{server.endpoint ?? '–'}</TableCell>
                    <TableCell>
                      {server.createdBy === username && !['stopped', 'failed'].includes(server.state) && (
                        <Button
                          size="small"
                          color="warning"
                          disabled={stop.isPending}
                          onClick={() => stop.mutate(server.id)}
                          aria-label={`Stop ${server.id}`}
                        >
                          Stop
                        </Button>
                      )}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableContainer>
        )}
      </QueryView>
    </>
  );
}
