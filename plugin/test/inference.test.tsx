import { describe, expect, it } from '@jest/globals';
import { screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import type { components } from '@mlhub/sdk';
import { http, HttpResponse } from 'msw';
import { failure, server, success } from './fixtures.js';
import { API, mock, param, seen, useHubMock } from './hub-mock.js';
import { renderTab } from './render.js';

// Built against openapi/hub/inference.yaml with msw while the control plane is being written; the e2e
// test runs these steps against the real services once they land.
useHubMock();

type Availability = components['schemas']['InferenceAvailability'];
type StateChange = components['schemas']['InferenceServerStateChange'];
type Pull = components['schemas']['ModelPull'];

const encoder = new TextEncoder();
const tokenEvent = (index: number, text: string, last = false) =>
  encoder.encode(
    `data: ${JSON.stringify({
      index,
      token: { id: index, text, logprob: 0, special: false },
      generated_text: null,
      details: last ? { finish_reason: 'eos_token', generated_tokens: index + 1 } : null,
    })}\n\n`,
  );

describe('the inference tab', () => {
  it('says why a model cannot be served, and offers no start button', async () => {
    mock.use(
      http.get(`${API}/inference/models/:id`, ({ params }) =>
        HttpResponse.json(
          success<Availability>({
            modelId: param(params.id),
            servable: false,
            reason: 'only text-to-text models are served',
            server: null,
          }),
        ),
      ),
    );
    renderTab('/ml-hub-ts/models/openai-community/gpt2?tab=inference');
    expect(await screen.findByText(/cannot be served here: only text-to-text models are served/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Start a server' })).toBeNull();
  });

  it('starts a server and follows its state to running, with the history from the control plane', async () => {
    let state: 'none' | 'pending' | 'running' = 'none';
    const history: StateChange[] = [];
    mock.use(
      http.get(`${API}/inference/models/:id`, ({ params }) => {
        const current = state === 'none' ? null : server({ state, message: state === 'pending' ? 'loading the model' : null });
        if (state === 'pending') {
          state = 'running';
          history.push({ state: 'running', at: '2026-12-01T10:00:05Z', message: null });
        }
        return HttpResponse.json(success<Availability>({ modelId: param(params.id), servable: true, reason: null, server: current }));
      }),
      http.get(`${API}/inference/servers/:id/history`, () => HttpResponse.json(success<StateChange[]>([...history]))),
      http.post(`${API}/inference/servers`, () => {
        state = 'pending';
        history.push({ state: 'pending', at: '2026-12-01T10:00:00Z', message: 'loading the model' });
        return HttpResponse.json(success(server({ state: 'pending', message: 'loading the model' })), { status: 202 });
      }),
    );
    renderTab('/ml-hub-ts/models/google/flan-t5-small?tab=inference');
    await userEvent.setup().click(await screen.findByRole('button', { name: 'Start a server' }));
    expect(await screen.findByText('loading the model')).toBeTruthy();
    expect(screen.getByRole('progressbar', { name: 'Server start progress' })).toBeTruthy();
    const post = seen.find((r) => r.method === 'POST' && new URL(r.url).pathname === '/v3/mlhub/inference/servers');
    expect(await post?.json()).toEqual({ modelId: 'google/flan-t5-small' });
    // Polled while it starts, until running: then the playground opens.
    expect(await screen.findByRole('region', { name: 'Playground' }, { timeout: 8000 })).toBeTruthy();
    await waitFor(() =>
      expect(
        within(screen.getByRole('list', { name: 'Server history' }))
          .getAllByRole('listitem')
          .map((item) => item.textContent?.split(' · ')[1]),
      ).toEqual(['pending', 'running']),
    );
  }, 15_000);

  it('offers the pull when the model must be pulled first, and follows the pull job to done', async () => {
    let polls = 0;
    const job = (over: Partial<Pull>): Pull => ({
      id: 'pull-1',
      modelId: 'google/flan-t5-small',
      revision: 'main',
      dtype: 'both',
      state: 'queued',
      bytesDone: 0,
      bytesTotal: null,
      files: [],
      message: null,
      createdBy: 'alice',
      createdAt: '2026-12-01T10:00:00Z',
      updatedAt: '2026-12-01T10:00:00Z',
      ...over,
    });
    mock.use(
      http.post(`${API}/inference/servers`, () =>
        HttpResponse.json(
          {
            ...failure('MODEL_NOT_PULLED', 'google/flan-t5-small is not on this site yet', 'req-pull'),
            metadata: { code: 'MODEL_NOT_PULLED', requestId: 'req-pull', details: { hint: 'createModelPull' } },
          },
          { status: 422 },
        ),
      ),
      http.post(`${API}/inference/pulls`, () => HttpResponse.json(success(job({})), { status: 202 })),
      http.get(`${API}/inference/pulls/:id`, () => {
        polls += 1;
        return HttpResponse.json(
          success(
            polls === 1
              ? job({ state: 'downloading', bytesDone: 1000, bytesTotal: 4000 })
              : job({ state: 'done', bytesDone: 4000, bytesTotal: 4000 }),
          ),
        );
      }),
    );
    renderTab('/ml-hub-ts/models/google/flan-t5-small?tab=inference');
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Start a server' }));
    await user.click(await screen.findByRole('button', { name: 'Pull the model' }));
    const pull = seen.find((r) => r.method === 'POST' && new URL(r.url).pathname === '/v3/mlhub/inference/pulls');
    expect(await pull?.json()).toEqual({ modelId: 'google/flan-t5-small' });
    // Polled: queued (the mutation's answer), then downloading with its bytes, then done.
    expect(await screen.findByText('Pull downloading: 1.0 KB of 4.0 KB', {}, { timeout: 5000 })).toBeTruthy();
    expect(screen.getByRole('progressbar', { name: 'Pull progress' }).getAttribute('aria-valuenow')).toBe('25');
    expect(await screen.findByText('Pull done', {}, { timeout: 8000 })).toBeTruthy();
    // Done: the start button is offered again.
    expect(screen.getByRole('button', { name: 'Start a server' })).toBeTruthy();
  }, 15_000);

  it('streams the tokens as they come, sends the parameters set, and shows the request as curl', async () => {
    mock.use(
      http.get(`${API}/inference/models/:id`, ({ params }) =>
        HttpResponse.json(success<Availability>({ modelId: param(params.id), servable: true, reason: null, server: server() })),
      ),
      http.post(`${API}/inference/models/:id/generate`, () => {
        const stream = new ReadableStream<Uint8Array>({
          start(controller) {
            ['Wie', ' alt', ' sind', ' Sie?'].forEach((text, index, all) =>
              controller.enqueue(tokenEvent(index, text, index === all.length - 1)),
            );
            controller.close();
          },
        });
        return new HttpResponse(stream, { headers: { 'content-type': 'text/event-stream' } });
      }),
    );
    renderTab('/ml-hub-ts/models/google/flan-t5-small?tab=inference');
    const user = userEvent.setup();
    const temperature = await screen.findByRole('spinbutton', { name: 'Temperature' });
    await user.type(temperature, '0.7');
    await user.click(screen.getByRole('button', { name: 'Generate' }));
    await waitFor(() => expect(screen.getByRole('status', { name: 'Generated text' }).textContent).toBe('Wie alt sind Sie?'));
    expect(await screen.findByText('Finished: eos_token')).toBeTruthy();
    const request = seen.find((r) => r.method === 'POST' && r.url.endsWith('/generate'));
    expect(request?.headers.get('accept')).toBe('text/event-stream');
    expect(await request?.json()).toEqual({
      inputs: 'Translate English to German: How old are you?',
      parameters: { max_new_tokens: 64, temperature: 0.7 },
      stream: true,
    });
    const curl = screen.getByRole('region', { name: 'Request as curl' }).textContent ?? '';
    expect(curl).toContain('http://hub.test/v3/mlhub/inference/models/google%2Fflan-t5-small/generate');
    expect(curl).toContain('"temperature":0.7');
  });

  it('stops a stream in the middle', async () => {
    mock.use(
      http.get(`${API}/inference/models/:id`, ({ params }) =>
        HttpResponse.json(success<Availability>({ modelId: param(params.id), servable: true, reason: null, server: server() })),
      ),
      http.post(`${API}/inference/models/:id/generate`, () => {
        // One token, then nothing until the client hangs up.
        const stream = new ReadableStream<Uint8Array>({ start: (controller) => controller.enqueue(tokenEvent(0, 'Wie')) });
        return new HttpResponse(stream, { headers: { 'content-type': 'text/event-stream' } });
      }),
    );
    renderTab('/ml-hub-ts/models/google/flan-t5-small?tab=inference');
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Generate' }));
    await waitFor(() => expect(screen.getByRole('status', { name: 'Generated text' }).textContent).toBe('Wie'));
    await user.click(screen.getByRole('button', { name: 'Stop' }));
    expect(await screen.findByText('Finished: stopped')).toBeTruthy();
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Generate' }).disabled).toBe(false);
  });

  it('shows a 422 for a parameter the server cannot honour', async () => {
    mock.use(
      http.get(`${API}/inference/models/:id`, ({ params }) =>
        HttpResponse.json(success<Availability>({ modelId: param(params.id), servable: true, reason: null, server: server() })),
      ),
      http.post(`${API}/inference/models/:id/generate`, () =>
        HttpResponse.json(failure('INVALID_PARAMETER', 'num_beams > 1 is not supported by this server', 'req-422'), { status: 422 }),
      ),
    );
    renderTab('/ml-hub-ts/models/google/flan-t5-small?tab=inference');
    const user = userEvent.setup();
    await user.type(await screen.findByRole('spinbutton', { name: 'Beams' }), '4');
    await user.click(screen.getByRole('button', { name: 'Generate' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('num_beams > 1 is not supported');
    expect(alert.textContent).toContain('req-422');
  });

  it('stops the running server', async () => {
    mock.use(
      http.get(`${API}/inference/models/:id`, ({ params }) =>
        HttpResponse.json(success<Availability>({ modelId: param(params.id), servable: true, reason: null, server: server() })),
      ),
      http.delete(`${API}/inference/servers/:id`, ({ params }) =>
        HttpResponse.json(success(server({ id: param(params.id), state: 'stopped' }))),
      ),
    );
    renderTab('/ml-hub-ts/models/google/flan-t5-small?tab=inference');
    await userEvent.setup().click(await screen.findByRole('button', { name: 'Stop the server' }));
    await waitFor(() => expect(seen.some((r) => r.method === 'DELETE' && r.url.endsWith('/inference/servers/srv-7f3a9c'))).toBe(true));
  });
});
