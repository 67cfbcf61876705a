import AppBar from '@mui/material/AppBar';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import GlobalStyles from '@mui/material/GlobalStyles';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Toolbar from '@mui/material/Toolbar';
import Typography from '@mui/material/Typography';
import { createTheme, ThemeProvider } from '@mui/material/styles';
import { startTransition, useEffect, useState, type ComponentType, type FormEvent } from 'react';
import { createRoot } from 'react-dom/client';
import { HashRouter, NavLink, Redirect, Route, Switch } from 'react-router-dom';
import { registerMlHub, type MlHubTabProps } from '../src/index.js';
import { listTenants, loadToken, login, saveToken, type StoredToken } from './login.js';

// The frame TapisUI gives a service tab: its sidebar and header, a HashRouter whose Switch mounts the
// registered component at `/<id>` with only `accessToken`, and its theme around everything.
const services: Array<{ id: string; sidebarDisplayName: string; component: ComponentType<MlHubTabProps> }> = [];
const TAB_ID = registerMlHub(
  { registerService: (service) => services.push(service) },
  { apiBaseUrl: `${window.location.origin}/v3/mlhub` },
);

const theme = createTheme({ palette: { primary: { main: '#1f4e79' } } });

function userOf(token: string): string {
  try {
    const claims = JSON.parse(atob((token.split('.')[1] ?? '').replace(/-/g, '+').replace(/_/g, '/'))) as { sub?: string };
    return claims.sub ?? '';
  } catch {
    return '';
  }
}

function LoginForm({ onLogin }: { onLogin: (token: StoredToken) => void }) {
  const [tenants, setTenants] = useState<string[] | null>(null);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    listTenants().then(setTenants, () => setTenants([]));
  }, []);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onLogin(await login(username, password));
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Box component="main" sx={{ display: 'grid', placeItems: 'center', minHeight: '100vh', p: 2 }}>
      <Paper component="form" onSubmit={(event) => void submit(event)} sx={{ p: 3, width: '100%', maxWidth: 360 }} aria-label="Log in">
        <Stack spacing={2}>
          <Typography variant="h5" component="h1">
            Log in
          </Typography>
          <Typography variant="body2">Tenant: {tenants === null ? '…' : tenants.join(', ') || 'none'} (embedded dev tenant)</Typography>
          <TextField
            label="Username"
            name="username"
            autoComplete="username"
            required
            value={username}
            onChange={(e) => setUsername(e.target.value)}
          />
          <TextField
            label="Password"
            name="password"
            type="password"
            autoComplete="current-password"
            helperText="The dev tenant accepts any password."
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
          {error && <Alert severity="error">{error}</Alert>}
          <Button type="submit" variant="contained" disabled={busy || username.trim() === ''}>
            Log in
          </Button>
        </Stack>
      </Paper>
    </Box>
  );
}

function Shell({ token, onLogout }: { token: StoredToken; onLogout: () => void }) {
  return (
    <HashRouter>
      <Box sx={{ display: 'flex', flexDirection: 'column', minHeight: '100vh' }}>
        <AppBar position="static" component="header">
          <Toolbar sx={{ gap: 2, flexWrap: 'wrap' }}>
            <Typography variant="h6" component="p" sx={{ flexGrow: 1 }}>
              TapisUI
            </Typography>
            <Typography variant="body2">{userOf(token.access_token)}</Typography>
            <Button color="inherit" onClick={onLogout}>
              Log out
            </Button>
          </Toolbar>
        </AppBar>
        <Box sx={{ display: 'flex', flex: 1, flexDirection: { xs: 'column', sm: 'row' }, minWidth: 0 }}>
          <Box
            component="nav"
            aria-label="Services"
            sx={{ width: { sm: 180 }, flexShrink: 0, borderRight: { sm: 1 }, borderBottom: { xs: 1, sm: 0 }, borderColor: 'divider', p: 1 }}
          >
            {services.map((service) => (
              <Button key={service.id} component={NavLink} to={`/${service.id}`} fullWidth sx={{ justifyContent: 'flex-start' }}>
                {service.sidebarDisplayName}
              </Button>
            ))}
          </Box>
          <Box component="main" sx={{ flex: 1, minWidth: 0 }}>
            <Switch>
              {services.map(({ id, component: Component }) => (
                <Route key={id} path={`/${id}`}>
                  <Component accessToken={token.access_token} />
                </Route>
              ))}
              <Redirect to={`/${TAB_ID}`} />
            </Switch>
          </Box>
        </Box>
      </Box>
    </HashRouter>
  );
}

function App() {
  const [token, setToken] = useState<StoredToken | null>(() => loadToken());
  const change = (next: StoredToken | null) => {
    saveToken(next);
    setToken(next);
  };
  return (
    <ThemeProvider theme={theme}>
      <GlobalStyles styles={{ body: { margin: 0, fontFamily: theme.typography.fontFamily } }} />
      {token ? <Shell token={token} onLogout={() => change(null)} /> : <LoginForm onLogin={change} />}
    </ThemeProvider>
  );
}

const root = document.getElementById('root');
// As a transition the first render yields to the browser every few milliseconds instead of holding it for the
// whole tree (a third of a second on a busy machine), so the list's request, sent as the page starts rendering,
// goes out and is answered meanwhile.
if (root) startTransition(() => createRoot(root).render(<App />));
