import { createTheme, ThemeProvider } from '@mui/material/styles';
import { render, type RenderResult } from '@testing-library/react';
import type { Location } from 'history';
import { MemoryRouter, Route } from 'react-router-dom';
import { createMlHubTab } from '../src/index.js';
import { API } from './hub-mock.js';

/** An unsigned token naming a user, as far as the tab reads it (the hub, not the tab, verifies tokens). */
export function tokenFor(username: string): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'RS256' })}.${part({ sub: `${username}@dev`, 'tapis/username': username })}.sig`;
}

const Tab = createMlHubTab({ apiBaseUrl: API });

/** The tab mounted as TapisUI mounts it: at `/ml-hub-ts` in a router, under the host's theme, given only a token. */
export interface RenderedTab extends RenderResult {
  /** Where the router is now (path and query). */
  location: () => Location | null;
  search: () => URLSearchParams;
}

export function renderTab(path: string, token: string | null = tokenFor('alice')): RenderedTab {
  const where: { location: Location | null } = { location: null };
  const view = render(
    <ThemeProvider theme={createTheme()}>
      <MemoryRouter initialEntries={[path]}>
        <Route path="/ml-hub-ts">
          <Tab accessToken={token} />
        </Route>
        <Route
          path="*"
          render={({ location }) => {
            where.location = location;
            return null;
          }}
        />
      </MemoryRouter>
    </ThemeProvider>,
  );
  const search = () => new URLSearchParams(where.location?.search ?? '');
  return { ...view, location: () => where.location, search };
}
