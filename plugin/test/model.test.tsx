import { describe, expect, it, jest } from '@jest/globals';
import { screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { card, download, failure, success } from './fixtures.js';
import { API, mock, seen, useHubMock } from './hub-mock.js';
import { renderTab } from './render.js';

useHubMock();

const HOSTILE = `# Hostile card

<script>window.__owned = 1</script>
<img src="x.png" onerror="window.__owned = 2">
<iframe src="https://evil.example/"></iframe>

[click me](javascript:window.__owned=3) and [the paper](https://arxiv.org/abs/2210.11416) and [config](config.json)

![diagram](images/diagram.png)

| metric | value |
| --- | --- |
| bleu | 31.2 |
`;

describe('the model page', () => {
  it('shows the model facts, then its card with the YAML metadata as a table', async () => {
    renderTab('/ml-hub-ts/models/google/flan-t5-small');
    // The page's code loads when first opened, then its query.
    expect(screen.getByRole('progressbar', { name: 'Loading the page' })).toBeTruthy();
    expect(await screen.findByRole('progressbar', { name: 'Loading model google/flan-t5-small' })).toBeTruthy();
    expect(await screen.findByRole('heading', { name: 'google/flan-t5-small', level: 2 })).toBeTruthy();
    expect(screen.getByText('License').nextSibling?.textContent).toBe('apache-2.0');
    expect(await screen.findByRole('heading', { name: 'FLAN-T5 small' })).toBeTruthy();
    const metadata = screen.getByRole('table', { name: 'Card metadata' });
    expect(within(metadata).getByText('language').nextSibling?.textContent).toBe('en, de');
    expect(seen.some((r) => new URL(r.url).pathname === '/v3/mlhub/models/google%2Fflan-t5-small')).toBe(true);
  });

  it('renders a hostile card inert: no script, no handler, no javascript: link, no frame', async () => {
    mock.use(http.get(`${API}/models/:id/card`, () => HttpResponse.json(success(card('google/flan-t5-small', HOSTILE)))));
    const view = renderTab('/ml-hub-ts/models/google/flan-t5-small');
    await screen.findByRole('heading', { name: 'Hostile card' });
    const root = view.container;
    expect(root.querySelectorAll('script, iframe').length).toBe(0);
    expect(root.querySelectorAll('[onerror]').length).toBe(0);
    expect((window as { __owned?: number }).__owned).toBeUndefined();
    const click = screen.getByText('click me').closest('a');
    expect(click?.getAttribute('href') ?? '').not.toMatch(/javascript:/i);
    const paper = screen.getByRole('link', { name: 'the paper' });
    expect(paper.getAttribute('rel')).toBe('noopener noreferrer');
    expect(paper.getAttribute('target')).toBe('_blank');
    // Relative links name the repository's files on the hub (same origin as the API), not on another host.
    expect(screen.getByRole('link', { name: 'config' }).getAttribute('href')).toBe(
      `${API}/models/google%2Fflan-t5-small/resolve?path=config.json&revision=abc123`,
    );
    // GFM tables render.
    expect(screen.getByRole('cell', { name: '31.2' })).toBeTruthy();
  });

  it('shows a relative image of the card from the hub, fetched with the token, and never loads an image of another host', async () => {
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
    mock.use(
      http.get(`${API}/models/:id/card`, () =>
        HttpResponse.json(
          success(card('google/flan-t5-small', '# Pictures\n\n![x](images/a.png)\n\n![tracker](https://img.example/pixel.gif)')),
        ),
      ),
      http.get(`${API}/models/:id/resolve`, ({ request }) =>
        request.headers.get('x-tapis-token')
          ? new HttpResponse(png, { headers: { 'content-type': 'image/png' } })
          : new HttpResponse(null, { status: 401 }),
      ),
    );
    renderTab('/ml-hub-ts/models/google/flan-t5-small');
    await waitFor(() => expect(screen.getByRole('img', { name: 'x' }).tagName).toBe('IMG'));
    const shown = screen.getByRole('img', { name: 'x' });
    expect(shown.getAttribute('src')).toBe(`data:image/png;base64,${Buffer.from(png).toString('base64')}`);
    const asked = seen.find((r) => new URL(r.url).pathname.endsWith('/resolve'));
    expect(asked?.url).toBe(`${API}/models/google%2Fflan-t5-small/resolve?path=images%2Fa.png&revision=abc123`);
    expect(asked?.headers.get('x-tapis-token')).toBeTruthy();
    // The image on another host is a link to follow, not an <img> the browser would fetch by itself.
    expect(document.querySelector('img[src^="https://img.example"]')).toBeNull();
    expect(screen.getByRole('link', { name: 'Image: tracker' }).getAttribute('href')).toBe('https://img.example/pixel.gif');
  });

  it("reads a Hugging Face card's relative image through the hub at the card's commit; a store card's without a revision", async () => {
    const sha = '0fc9ddf78a1e988dac52e2dac162b0ede4fd74ab';
    const gif = Uint8Array.from([0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 1, 0, 1, 0]);
    const hf = { ...card('google/flan-t5-small', '![figure](./assets/../assets/fig%201.gif)'), sha };
    const store = { ...card('acme/tiny-t5', '![plot](plot.gif)'), sha: null };
    mock.use(
      http.get(`${API}/models/:id/card`, ({ params }) =>
        HttpResponse.json(success(decodeURIComponent(String(params.id)) === 'acme/tiny-t5' ? store : hf)),
      ),
      http.get(`${API}/models/:id/resolve`, () => new HttpResponse(gif, { headers: { 'content-type': 'image/gif' } })),
    );
    const view = renderTab('/ml-hub-ts/models/google/flan-t5-small');
    await waitFor(() => expect(screen.getByRole('img', { name: 'figure' }).tagName).toBe('IMG'));
    const asked = seen.filter((r) => new URL(r.url).pathname.endsWith('/resolve'));
    expect(asked.map((r) => r.url)).toEqual([`${API}/models/google%2Fflan-t5-small/resolve?path=assets%2Ffig%201.gif&revision=${sha}`]);
    view.unmount();
    seen.length = 0;
    renderTab('/ml-hub-ts/models/acme/tiny-t5');
    await waitFor(() => expect(screen.getByRole('img', { name: 'plot' }).tagName).toBe('IMG'));
    const fromStore = seen.filter((r) => new URL(r.url).pathname.endsWith('/resolve'));
    expect(fromStore.map((r) => r.url)).toEqual([`${API}/models/acme%2Ftiny-t5/resolve?path=plot.gif`]);
  });

  it('lists the files with their sizes and download links', async () => {
    const view = renderTab('/ml-hub-ts/models/google/flan-t5-small?tab=files');
    const files = await screen.findByRole('table', { name: 'Files' });
    const row = within(files).getByText('model.safetensors').closest('tr');
    expect(row?.textContent).toContain('308 MB');
    await waitFor(() =>
      expect(within(files).getByRole('link', { name: 'Download model.safetensors' }).getAttribute('href')).toBe(
        'https://huggingface.co/google/flan-t5-small/resolve/abc123/model.safetensors',
      ),
    );
    expect(view.search().get('tab')).toBe('files');
  });

  it('downloads a store file with the token, not as a bare link', async () => {
    mock.use(
      http.get(`${API}/models/:id/download`, () => HttpResponse.json(success(download('google/flan-t5-small', 'store')))),
      http.get(`${API}/models/:id/resolve`, ({ request }) =>
        request.headers.get('x-tapis-token')
          ? new HttpResponse('{"d_model":512}', { headers: { 'content-type': 'application/json' } })
          : new HttpResponse(null, { status: 401 }),
      ),
    );
    const created: Blob[] = [];
    URL.createObjectURL = jest.fn((blob: Blob) => {
      created.push(blob);
      return 'blob:test';
    });
    URL.revokeObjectURL = jest.fn();
    renderTab('/ml-hub-ts/models/google/flan-t5-small?tab=files');
    await userEvent.setup().click(await screen.findByRole('button', { name: 'Download config.json' }));
    await waitFor(() => expect(created).toHaveLength(1));
    expect(await created[0]?.text()).toBe('{"d_model":512}');
    const resolve = seen.find((r) => new URL(r.url).pathname.endsWith('/resolve'));
    expect(new URL(resolve?.url ?? 'x:').searchParams.get('path')).toBe('config.json');
  });

  it('gives snippets with copy buttons', async () => {
    const user = userEvent.setup();
    const writeText = jest.fn(async (_text: string) => undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    renderTab('/ml-hub-ts/models/google/flan-t5-small?tab=use');
    await user.click(await screen.findByRole('button', { name: 'Copy transformers.js' }));
    expect(writeText).toHaveBeenCalledWith("pipeline('text2text-generation', 'google/flan-t5-small')");
    expect(await screen.findByRole('button', { name: 'Copy transformers.js' })).toHaveProperty('textContent', 'Copied');
  });

  it('says which model was not found, with the request id', async () => {
    mock.use(
      http.get(`${API}/models/:id`, () =>
        HttpResponse.json(failure('NOT_FOUND', "Model 'nobody/nothing' not found", 'req-404'), { status: 404 }),
      ),
    );
    renderTab('/ml-hub-ts/models/nobody/nothing');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain("Model 'nobody/nothing' not found");
    expect(alert.textContent).toContain('NOT_FOUND, request req-404');
  });

  it('takes a model id without an owner', async () => {
    renderTab('/ml-hub-ts/models/gpt2');
    expect(await screen.findByRole('heading', { name: 'gpt2', level: 2 })).toBeTruthy();
  });
});
