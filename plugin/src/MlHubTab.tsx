import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { createMlHubClient } from '@mlhub/sdk';
import { MlHubProvider } from '@mlhub/sdk/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { lazy, Suspense, useEffect, useMemo, useRef, useState } from 'react';
import { Link as RouterLink, Route, Switch, useLocation, useRouteMatch } from 'react-router-dom';
import { PagePending } from './components/QueryView.js';
import { clientBaseUrl, type MlHubOptions } from './options.js';
import { DatasetsPage } from './pages/DatasetsPage.js';
import { Dashboard } from './pages/Dashboard.js';
import { ModelsPage } from './pages/ModelsPage.js';
import { idFromPath, TabContext } from './tab-context.js';
import { usernameOf } from './token.js';

// The pages a first visit does not need (cards with react-markdown and GFM, files, the inference playground,
// the servers) load when opened: a bundler that splits (the standalone page's esbuild does) gives each its
// own chunk, so the dashboard and the lists download and evaluate only what they show.
const ModelPage = lazy(() => import('./pages/ModelPage.js').then((m) => ({ default: m.ModelPage })));
const DatasetPage = lazy(() => import('./pages/DatasetPage.js').then((m) => ({ default: m.DatasetPage })));
const ServersPage = lazy(() => import('./pages/ServersPage.js').then((m) => ({ default: m.ServersPage })));

/** Exactly what TapisUI hands a service tab. */
export interface MlHubTabProps {
  accessToken?: string | null;
}

const SECTIONS = [
  { path: '', title: 'Dashboard' },
  { path: '/models', title: 'Models' },
  { path: '/datasets', title: 'Datasets' },
  { path: '/servers', title: 'Inference servers' },
];

/**
 * TapisUI's global Bootstrap 4 CSS colours every `a:hover` (#0056b3), which outranks the one class MUI colours a
 * button rendered as a link with: the current section's label went dark blue on blue under the pointer.
 * Each keeps its own colour here; MUI `Link`s keep the host's link hover.
 */
const KEEP_LINK_BUTTON_COLOURS = {
  '& a.MuiButton-contained:hover': { color: 'primary.contrastText' },
  '& a.MuiButton-text:hover': { color: 'primary.main' },
  '& a.MuiListItemButton-root:hover': { color: 'inherit' },
} as const;

/**
 * The tab, bound to its options (`registerMlHub` makes one). It owns a React Query v5 client, so nothing
 * it caches lands in the host's (TapisUI's v3) client, and it renders inside the host's router and theme.
 */
export function createMlHubTab(options: MlHubOptions = {}) {
  function MlHubTabWithOptions({ accessToken }: MlHubTabProps) {
    const token = useRef(accessToken);
    token.current = accessToken;
    const baseUrl = useMemo(() => clientBaseUrl(options), []);
    const client = useMemo(() => createMlHubClient({ baseUrl, getToken: () => token.current }), [baseUrl]);
    const [queryClient] = useState(
      () => new QueryClient({ defaultOptions: { queries: { staleTime: 30_000, refetchOnWindowFocus: false } } }),
    );
    // Another user's token must not see the previous user's answers.
    const previous = useRef(accessToken);
    useEffect(() => {
      if (previous.current !== accessToken) queryClient.clear();
      previous.current = accessToken;
    }, [accessToken, queryClient]);
    useEffect(() => () => queryClient.clear(), [queryClient]);
    const { url, path } = useRouteMatch();
    const base = url.replace(/\/+$/, '');
    const context = useMemo(() => ({ base, username: usernameOf(accessToken), origin: baseUrl }), [base, accessToken, baseUrl]);
    return (
      <QueryClientProvider client={queryClient}>
        <MlHubProvider client={client} queryClient={queryClient}>
          <TabContext.Provider value={context}>
            <Box sx={{ p: { xs: 1, sm: 2 }, maxWidth: '100%', minWidth: 0, ...KEEP_LINK_BUTTON_COLOURS }}>
              <TabNav base={base} />
              <Suspense fallback={<PagePending />}>
                <Routes path={path.replace(/\/+$/, '')} />
              </Suspense>
            </Box>
          </TabContext.Provider>
        </MlHubProvider>
      </QueryClientProvider>
    );
  }
  return MlHubTabWithOptions;
}

/** The tab with its default options (the API at this page's origin, `/v3/mlhub`). */
export const MlHubTab = createMlHubTab();

function TabNav({ base }: { base: string }) {
  const { pathname } = useLocation();
  const here = pathname.slice(base.length) || '';
  return (
    <Stack component="nav" aria-label="ML Hub" direction="row" flexWrap="wrap" useFlexGap spacing={1} sx={{ mb: 2 }}>
      <Typography variant="h6" component="h1" sx={{ mr: 2 }}>
        ML Hub
      </Typography>
      {SECTIONS.map((section) => {
        const current = section.path === '' ? here === '' || here === '/' : here.startsWith(section.path);
        return (
          <Button
            key={section.title}
            component={RouterLink}
            to={`${base}${section.path}`}
            variant={current ? 'contained' : 'text'}
            aria-current={current ? 'page' : undefined}
            size="small"
          >
            {section.title}
          </Button>
        );
      })}
    </Stack>
  );
}

function Routes({ path }: { path: string }) {
  return (
    <Switch>
      <Route exact path={path || '/'} component={Dashboard} />
      <Route exact path={`${path}/models`} component={ModelsPage} />
      <Route
        path={`${path}/models/:id+`}
        render={({ match }) => <ModelPage key={match.url} modelId={idFromPath(String(match.params.id))} />}
      />
      <Route exact path={`${path}/datasets`} component={DatasetsPage} />
      <Route
        path={`${path}/datasets/:id+`}
        render={({ match }) => <DatasetPage key={match.url} datasetId={idFromPath(String(match.params.id))} />}
      />
      <Route exact path={`${path}/servers`} component={ServersPage} />
      <Route>
        <Typography>This ML Hub page does not exist.</Typography>
      </Route>
    </Switch>
  );
}
