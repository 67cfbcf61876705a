import { describe, expect, it, jest } from '@jest/globals';
import { createTheme, ThemeProvider } from '@mui/material/styles';
import { render, screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { QueryClient as HostQueryClient, QueryClientProvider as HostQueryClientProvider, useQuery as useHostQuery } from 'react-query';
import { MemoryRouter, Route, Switch, useLocation } from 'react-router-dom';
import type { FC, PropsWithChildren } from 'react';
import { MlHubTab, registerMlHub, type TapisUiExtension } from '../src/index.js';
import { seen, useHubMock } from './hub-mock.js';
import { tokenFor } from './render.js';

useHubMock();

// TapisUI's own types and `Extension.registerService` (@tapis/tapisui-extensions-core 0.1.10, core.ts and
// extension.ts), so `registerMlHub(extension)` is type-checked against what a gateway's extension really is.
type HostComponent = FC<PropsWithChildren<{ accessToken: string | undefined }>>;
interface HostService {
  id: string;
  sidebarDisplayName: string;
  icon?: string;
  iconName?: string;
  component?: HostComponent;
  route?: string;
}
class HostExtension {
  public serviceMap: Record<string, HostService & { route: string }> = {};
  registerService(service: HostService): void {
    this.serviceMap[service.id] = { ...service, route: service.route || `/${service.id}` };
  }
}

// What TapisUI does, and no more: its own react-query v3 client and MUI theme around a HashRouter whose
// Switch renders `<Component accessToken={token} />` inside each registered service's route.
function HostShell({ extension, token, hostClient }: { extension: HostExtension; token: string | undefined; hostClient: HostQueryClient }) {
  return (
    <HostQueryClientProvider client={hostClient}>
      <ThemeProvider theme={createTheme({ palette: { primary: { main: '#8a1538' } } })}>
        <MemoryRouter initialEntries={['/ml-hub-ts']}>
          <HostHeader />
          <Switch>
            <Route path="/systems">systems</Route>
            {Object.values(extension.serviceMap).map(({ id, route, component: Component }) =>
              Component ? (
                <Route key={id} path={route}>
                  <Component accessToken={token} />
                </Route>
              ) : null,
            )}
          </Switch>
        </MemoryRouter>
      </ThemeProvider>
    </HostQueryClientProvider>
  );
}

function HostHeader() {
  // The host's own query keeps working next to the tab's client.
  const tenants = useHostQuery(['tenants'], async () => ['dev']);
  const location = useLocation();
  return (
    <header>
      <span data-testid="host-path">{location.pathname + location.search}</span>
      <span>tenants: {tenants.data?.join(',')}</span>
    </header>
  );
}

describe('the tab inside a TapisUI-like host', () => {
  it("renders with only a token, navigates under the host's route, and keeps its queries out of the host's client", async () => {
    const extension = new HostExtension();
    const id = registerMlHub(extension, { apiBaseUrl: 'http://hub.test/v3/mlhub' });
    expect(id).toBe('ml-hub-ts');
    expect(extension.serviceMap[id]).toMatchObject({ route: '/ml-hub-ts', sidebarDisplayName: 'ML Hub' });
    const hostClient = new HostQueryClient();
    render(<HostShell extension={extension} token={tokenFor('alice')} hostClient={hostClient} />);

    const top = await screen.findByRole('region', { name: 'Top models' });
    const link = await within(top).findByRole('link', { name: 'google/flan-t5-small' });
    await userEvent.setup().click(link);
    expect(await screen.findByRole('heading', { name: 'google/flan-t5-small', level: 2 })).toBeTruthy();
    expect(screen.getByTestId('host-path').textContent).toBe('/ml-hub-ts/models/google/flan-t5-small');
    await userEvent.setup().click(within(screen.getByRole('navigation', { name: 'ML Hub' })).getByRole('link', { name: 'Datasets' }));
    expect(screen.getByTestId('host-path').textContent).toBe('/ml-hub-ts/datasets');
    expect(await screen.findByText('tenants: dev')).toBeTruthy();

    // The host's cache holds only its own query.
    expect(
      hostClient
        .getQueryCache()
        .getAll()
        .map((q) => q.queryKey),
    ).toEqual([['tenants']]);
    // Every request carried the token the host passed.
    await waitFor(() => expect(seen.length).toBeGreaterThan(3));
    expect(seen.every((r) => r.headers.get('x-tapis-token') === tokenFor('alice'))).toBe(true);
  });

  it("defaults the API to this origin under /v3/mlhub (a TapisUI served from its tenant's URL)", async () => {
    const calls: string[] = [];
    const original = globalThis.fetch;
    globalThis.fetch = jest.fn(async (input: RequestInfo | URL) => {
      calls.push(input instanceof Request ? input.url : String(input));
      return new Response('{}', { status: 500 });
    });
    try {
      render(
        <MemoryRouter initialEntries={['/ml-hub-ts/servers']}>
          <Route path="/ml-hub-ts">
            <MlHubTab accessToken="t" />
          </Route>
        </MemoryRouter>,
      );
      await waitFor(() => expect(calls.length).toBeGreaterThan(0));
      expect(calls[0]).toMatch(new RegExp(`^${window.location.origin}/v3/mlhub/inference/servers`));
    } finally {
      globalThis.fetch = original;
    }
  });
});

describe('registerMlHub', () => {
  const ids = (options: Parameters<typeof registerMlHub>[1]) => {
    const found: string[] = [];
    registerMlHub({ registerService: (service) => found.push(service.id) }, options);
    return found;
  };

  it('registers ml-hub-ts by default, or the id given', () => {
    expect(ids({})).toEqual(['ml-hub-ts']);
    expect(ids({ id: 'models-2' })).toEqual(['models-2']);
  });

  it("refuses the shell's own ids and ids TapisUI cannot route", () => {
    expect(() => ids({ id: 'mlhub' })).toThrow(/built-in/);
    expect(() => ids({ id: 'ml-hub' })).toThrow(/built-in/);
    expect(() => ids({ id: 'ML_Hub' })).toThrow(/must match/);
  });

  it('refuses an API base that is not the ML Hub API', () => {
    const found: Array<Parameters<TapisUiExtension['registerService']>[0]> = [];
    registerMlHub({ registerService: (service) => found.push(service) }, { apiBaseUrl: 'http://hub.test/api' });
    const Component = found[0]?.component;
    if (!Component) throw new Error('nothing registered');
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(() =>
      render(
        <MemoryRouter>
          <Component accessToken="t" />
        </MemoryRouter>,
      ),
    ).toThrow(/must end with \/v3\/mlhub/);
  });
});
