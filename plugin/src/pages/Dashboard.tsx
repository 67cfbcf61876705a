import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Grid from '@mui/material/Grid';
import Link from '@mui/material/Link';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { SourceName } from '@mlhub/sdk';
import { useListDatasets, useListInferenceServers, useListModels } from '@mlhub/sdk/react';
import type { ReactNode } from 'react';
import { Link as RouterLink } from 'react-router-dom';
import { PartialNotice } from '../components/PartialNotice.js';
import { QueryView } from '../components/QueryView.js';
import { formatCount } from '../format.js';
import { idPath, useTab } from '../tab-context.js';
import { ServerState } from './inference/ServerState.js';

const TOP = 5;

function Panel({ title, children, to }: { title: string; children: ReactNode; to?: string }) {
  return (
    <Card variant="outlined" component="section" aria-label={title} sx={{ height: '100%' }}>
      <CardContent>
        <Stack direction="row" justifyContent="space-between" alignItems="baseline">
          <Typography variant="h6" component="h3" gutterBottom>
            {title}
          </Typography>
          {to && (
            <Link component={RouterLink} to={to}>
              See all
            </Link>
          )}
        </Stack>
        {children}
      </CardContent>
    </Card>
  );
}

/** Catalog counts by source, the most downloaded models and datasets, and my inference servers. */
export function Dashboard() {
  const { base, username } = useTab();
  const models = useListModels({ sort: 'downloads', direction: 'desc', limit: TOP });
  const datasets = useListDatasets({ sort: 'downloads', direction: 'desc', limit: TOP });
  const servers = useListInferenceServers({ limit: 100 });
  return (
    <Stack spacing={2}>
      <Typography variant="h5" component="h2">
        Dashboard
      </Typography>
      <Grid container spacing={2}>
        <Grid size={{ xs: 12 }}>
          <Panel title="Catalog">
            <QueryView query={models} label="catalog sources" rows={1}>
              {(page) => (
                <Stack direction="row" flexWrap="wrap" useFlexGap spacing={3}>
                  {page.metadata.sources.map((status) => (
                    <SourceCount key={status.source} source={status.source} ok={status.ok} />
                  ))}
                </Stack>
              )}
            </QueryView>
          </Panel>
        </Grid>
        <Grid size={{ xs: 12, md: 6 }}>
          <Panel title="Top models" to={`${base}/models?sort=downloads&direction=desc`}>
            <QueryView query={models} label="top models" isEmpty={(page) => page.result.length === 0} empty="No models in the catalog.">
              {(page) => (
                <>
                  <PartialNotice metadata={page.metadata} />
                  <List dense>
                    {page.result.map((model) => (
                      <ListItem key={model.id} disableGutters>
                        <Link component={RouterLink} to={`${base}/models/${idPath(model.id)}`} sx={{ overflowWrap: 'anywhere' }}>
                          {model.id}
                        </Link>
                        &nbsp;· {formatCount(model.downloads)} downloads
                      </ListItem>
                    ))}
                  </List>
                </>
              )}
            </QueryView>
          </Panel>
        </Grid>
        <Grid size={{ xs: 12, md: 6 }}>
          <Panel title="Top datasets" to={`${base}/datasets?sort=downloads&direction=desc`}>
            <QueryView
              query={datasets}
              label="top datasets"
              isEmpty={(page) => page.result.length === 0}
              empty="No datasets in the catalog."
            >
              {(page) => (
                <List dense>
                  {page.result.map((dataset) => (
                    <ListItem key={dataset.id} disableGutters>
                      <Link component={RouterLink} to={`${base}/datasets/${idPath(dataset.id)}`} sx={{ overflowWrap: 'anywhere' }}>
                        {dataset.id}
                      </Link>
                      &nbsp;· {formatCount(dataset.downloads)} downloads
                    </ListItem>
                  ))}
                </List>
              )}
            </QueryView>
          </Panel>
        </Grid>
        <Grid size={{ xs: 12 }}>
          <Panel title="My inference servers" to={`${base}/servers`}>
            <QueryView
              query={servers}
              label="my inference servers"
              isEmpty={(page) => !page.result.some((s) => s.createdBy === username)}
              empty="You run no inference server. Open a servable model's Inference tab to start one."
            >
              {(page) => (
                <List dense>
                  {page.result
                    .filter((s) => s.createdBy === username)
                    .map((server) => (
                      <ListItem key={server.id} disableGutters sx={{ gap: 1 }}>
                        <Link component={RouterLink} to={`${base}/models/${idPath(server.modelId)}?tab=inference`}>
                          {server.modelId}
                        </Link>
                        <ServerState state={server.state} />
                      </ListItem>
                    ))}
                </List>
              )}
            </QueryView>
          </Panel>
        </Grid>
      </Grid>
    </Stack>
  );
}

/** How many models and datasets one catalog source holds. */
function SourceCount({ source, ok }: { source: SourceName; ok: boolean }) {
  const models = useListModels({ source, limit: 1 });
  const datasets = useListDatasets({ source, limit: 1 });
  return (
    <div>
      <Typography variant="subtitle2" component="h4">
        {source}
        {ok ? '' : ' (not answering)'}
      </Typography>
      <Typography variant="body2">
        {formatCount(models.data?.metadata.total)} models · {formatCount(datasets.data?.metadata.total)} datasets
      </Typography>
    </div>
  );
}
