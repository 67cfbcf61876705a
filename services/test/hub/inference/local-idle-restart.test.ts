import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { LocalBackend } from '../../../src/hub/inference/local-backend.js';
import {
  call,
  isAlive,
  hubForSuite,
  putTinyModel,
  removeTinyCache,
  startControlHub,
  tempDataDir,
  waitFor,
  waitState,
  type ControlHub,
} from './harness.js';

const MODEL = 'local/tiny-t5';
const OTHER = 'local/tiny-t5-b';
const THIRD = 'local/tiny-t5-c';
const enc = encodeURIComponent;

afterAll(() => removeTinyCache());

describe('local backend: idle servers scale to zero and wake on the next request', () => {
  const suite = hubForSuite([MODEL], { MLHUB_INFERENCE_IDLE_TIMEOUT_S: '1', MLHUB_INFERENCE_WAKE_WAIT_MS: '60000' });
  let alice: string;

  beforeAll(async () => {
    alice = await suite.hub.token('alice');
  });

  it('stops the idle child (scaledToZero), then a request wakes it and gets its answer', async () => {
    const created = await call(suite.hub, 'POST', '/v3/mlhub/inference/servers', alice, { modelId: MODEL });
    const id = created.body.result.id as string;
    await waitState(suite.hub, alice, id, 'running');
    const pid = (suite.hub.app.inferenceControl.backend as LocalBackend).pids().get(id)!;
    const idle = await waitState(suite.hub, alice, id, 'scaledToZero');
    expect(idle.endpoint).toBeNull();
    // The record leaves `running` first; the process ends right after.
    await waitFor('the idle child to end', async () => (isAlive(pid) ? undefined : true), 10_000, 50);
    const answer = await call(suite.hub, 'POST', `/v3/mlhub/inference/models/${enc(MODEL)}/generate`, alice, {
      inputs: 'wake up',
      parameters: { max_new_tokens: 4 },
    });
    expect(answer.status).toBe(200);
    expect(typeof answer.body.result.generatedText).toBe('string');
    const history = (await call(suite.hub, 'GET', `/v3/mlhub/inference/servers/${id}/history`, alice)).body.result as {
      state: string;
      message: string | null;
    }[];
    const states = history.map((h) => h.state);
    expect(states.slice(0, 5)).toEqual(['pending', 'initializing', 'running', 'scaledToZero', 'initializing']);
    expect(history[4]?.message).toBe('Woken by an inference request');
    expect(states).toContain('running');
  });

  it('wakes the server for a request that arrives while the idle stop is under way, not a 502 from the closed port', async () => {
    // The woken server of the test above goes idle again. Its stop is held open once the process has ended:
    // a request in that window must see a server to wake, not the endpoint of a process that is gone.
    const backend = suite.hub.app.inferenceControl.backend as LocalBackend;
    const stop = backend.stop.bind(backend);
    let processEnded!: () => void;
    const ended = new Promise<void>((resolve) => (processEnded = resolve));
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    backend.stop = async (...args) => {
      await stop(...args);
      processEnded();
      await held;
    };
    try {
      await ended;
      const answer = await call(suite.hub, 'POST', `/v3/mlhub/inference/models/${enc(MODEL)}/generate`, alice, {
        inputs: 'during the stop',
        parameters: { max_new_tokens: 4 },
      });
      expect(answer.status).toBe(200);
    } finally {
      release();
      backend.stop = stop;
    }
  });
});

describe('local backend: the wait for a waking server is bounded', () => {
  const suite = hubForSuite([MODEL], { MLHUB_INFERENCE_IDLE_TIMEOUT_S: '1', MLHUB_INFERENCE_WAKE_WAIT_MS: '0' });

  it('answers 503 with Retry-After while the server wakes, and serves once it runs', async () => {
    const alice = await suite.hub.token('alice');
    const id = (await call(suite.hub, 'POST', '/v3/mlhub/inference/servers', alice, { modelId: MODEL })).body.result.id as string;
    await waitState(suite.hub, alice, id, 'scaledToZero');
    const waking = await call(suite.hub, 'POST', `/v3/mlhub/inference/models/${enc(MODEL)}/generate`, alice, { inputs: 'x' });
    expect(waking.status).toBe(503);
    expect(waking.body.metadata.code).toBe('SERVICE_UNAVAILABLE');
    expect(waking.headers.get('retry-after')).toBe('5');
    await waitState(suite.hub, alice, id, 'running');
  });
});

describe("local backend: a server scaled to zero holds no place in the hub's capacity", () => {
  const suite = hubForSuite([MODEL, OTHER], {
    MLHUB_INFERENCE_IDLE_TIMEOUT_S: '1',
    MLHUB_INFERENCE_MAX_SERVERS: '1',
    MLHUB_INFERENCE_WAKE_WAIT_MS: '60000',
  });

  it('lets another user start one while it sleeps; waking it on a full hub is a 503 that says why, until a place frees', async () => {
    const alice = await suite.hub.token('alice');
    const bob = await suite.hub.token('bob');
    const sleeping = (await call(suite.hub, 'POST', '/v3/mlhub/inference/servers', alice, { modelId: MODEL })).body.result.id as string;
    await waitState(suite.hub, alice, sleeping, 'scaledToZero');
    const created = await call(suite.hub, 'POST', '/v3/mlhub/inference/servers', bob, { modelId: OTHER, idleTimeoutSeconds: 600 });
    expect(created.status).toBe(202);
    const bobs = created.body.result.id as string;
    await waitState(suite.hub, bob, bobs, 'running');

    const full = await call(suite.hub, 'POST', `/v3/mlhub/inference/models/${enc(MODEL)}/generate`, alice, { inputs: 'x' });
    expect(full.status).toBe(503);
    expect(full.headers.get('retry-after')).toBe('60');
    expect(full.body.message).toMatch(/scaled to zero and this hub already runs 1 inference servers, the most it runs at once \(1\)/);
    expect((await call(suite.hub, 'GET', `/v3/mlhub/inference/servers/${sleeping}`, alice)).body.result.state).toBe('scaledToZero');

    expect((await call(suite.hub, 'DELETE', `/v3/mlhub/inference/servers/${bobs}`, bob)).status).toBe(200);
    const woken = await call(suite.hub, 'POST', `/v3/mlhub/inference/models/${enc(MODEL)}/generate`, alice, {
      inputs: 'x',
      parameters: { max_new_tokens: 2 },
    });
    expect(woken.status).toBe(200);
  });
});

describe('local backend: a server that dies now and then is restarted each time; one that keeps dying fails', () => {
  // One restart allowed; a run of 1.5 s clears the count (10 minutes by default).
  const suite = hubForSuite([MODEL], { MLHUB_INFERENCE_RESTART_LIMIT: '1' }, { inference: { restartResetMs: 1500 } });

  it('counts only the deaths since its last long run', async () => {
    const alice = await suite.hub.token('alice');
    const backend = suite.hub.app.inferenceControl.backend as LocalBackend;
    const id = (await call(suite.hub, 'POST', '/v3/mlhub/inference/servers', alice, { modelId: MODEL })).body.result.id as string;
    await waitState(suite.hub, alice, id, 'running');
    /** Kills the child with SIGKILL; resolves once a new one runs. */
    const killAndWaitRestart = async () => {
      const pid = backend.pids().get(id)!;
      process.kill(pid, 'SIGKILL');
      await waitFor('the restarted child', async () => {
        const now = backend.pids().get(id);
        const state = (await call(suite.hub, 'GET', `/v3/mlhub/inference/servers/${id}`, alice)).body.result.state as string;
        if (state === 'failed') throw new Error('failed instead of restarting');
        return now !== undefined && now !== pid && state === 'running' ? true : undefined;
      });
    };
    await killAndWaitRestart();
    // It then runs longer than the reset window: the next death is its first again.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    await killAndWaitRestart();
    const restarts = (
      (await call(suite.hub, 'GET', `/v3/mlhub/inference/servers/${id}/history`, alice)).body.result as { message: string | null }[]
    )
      .map((h) => h.message ?? '')
      .filter((m) => /restarting in/.test(m));
    expect(restarts).toHaveLength(2);
    expect(restarts.every((m) => /\(attempt 1 of 1\)$/.test(m))).toBe(true);
    // A death right after a restart is the second in a row: over the limit.
    process.kill(backend.pids().get(id)!, 'SIGKILL');
    const failed = await waitState(suite.hub, alice, id, 'failed');
    expect(failed.message).toMatch(/gave up after 1 restarts$/);
  });
});

describe('local backend: a server that does not answer', () => {
  const suite = hubForSuite([MODEL], { MLHUB_INFERENCE_REQUEST_TIMEOUT_S: '1' });

  it('answers 504 after MLHUB_INFERENCE_REQUEST_TIMEOUT_S, and serves again once the server does', async () => {
    const alice = await suite.hub.token('alice');
    const id = (await call(suite.hub, 'POST', '/v3/mlhub/inference/servers', alice, { modelId: MODEL })).body.result.id as string;
    await waitState(suite.hub, alice, id, 'running');
    const pid = (suite.hub.app.inferenceControl.backend as LocalBackend).pids().get(id)!;
    // A stopped process keeps its port: connections are accepted and never answered.
    process.kill(pid, 'SIGSTOP');
    try {
      const stalled = await call(suite.hub, 'POST', `/v3/mlhub/inference/models/${enc(MODEL)}/generate`, alice, { inputs: 'x' });
      expect(stalled.status).toBe(504);
      expect(stalled.body.metadata.code).toBe('UPSTREAM_TIMEOUT');
      expect(stalled.body.message).toBe(`The inference server for '${MODEL}' did not answer within 1000 ms`);
    } finally {
      process.kill(pid, 'SIGCONT');
    }
    const answer = await call(suite.hub, 'POST', `/v3/mlhub/inference/models/${enc(MODEL)}/generate`, alice, {
      inputs: 'x',
      parameters: { max_new_tokens: 2 },
    });
    expect(answer.status).toBe(200);
  });
});

describe('local backend: a model that cannot load', () => {
  // The start timeout is the harness's 120 s: the server must fail long before it, on the child's exit.
  const suite = hubForSuite([MODEL], {}, {}, ([dir]) => {
    for (const file of ['decoder_model_merged.onnx', 'decoder_model_merged_quantized.onnx'])
      writeFileSync(path.join(dir!, 'onnx', file), 'not an ONNX file');
  });

  it("fails as soon as the child gives up, with the loader's reason, not the start timeout's", async () => {
    const alice = await suite.hub.token('alice');
    const id = (await call(suite.hub, 'POST', '/v3/mlhub/inference/servers', alice, { modelId: MODEL })).body.result.id as string;
    const failed = await waitState(suite.hub, alice, id, 'failed', 60_000);
    expect(failed.message).toMatch(/^the server exited while starting \(exit code 1\): model failed to load: /);
    expect(failed.message).not.toMatch(/request completed|not ready within/);
  });
});

describe('local backend: limits, admins, and a hub restart', () => {
  const data = tempDataDir();
  let hub: ControlHub;

  beforeAll(async () => {
    for (const id of [MODEL, OTHER, THIRD]) putTinyModel(data.storeDir, id);
    hub = await startControlHub(data.dataDir, {
      MLHUB_INFERENCE_MAX_PER_USER: '1',
      MLHUB_INFERENCE_MAX_SERVERS: '2',
      MLHUB_ADMIN_ROLE: 'mlhub_admin',
      MLHUB_ADMIN_USERS: 'dev/root',
    });
  });
  afterAll(async () => {
    await hub?.close();
    data.remove();
  });

  it('refuses a second live server of one user, and a third in all, with 429 and a clear message', async () => {
    const alice = await hub.token('alice');
    const bob = await hub.token('bob');
    const carol = await hub.token('carol');
    expect((await call(hub, 'POST', '/v3/mlhub/inference/servers', alice, { modelId: MODEL })).status).toBe(202);
    const mine = await call(hub, 'POST', '/v3/mlhub/inference/servers', alice, { modelId: OTHER });
    expect(mine.status).toBe(429);
    expect(mine.body.metadata.code).toBe('RATE_LIMITED');
    expect(mine.body.message).toMatch(/most one user may have \(1\)/);
    expect(mine.headers.get('retry-after')).toBe('60');
    expect((await call(hub, 'POST', '/v3/mlhub/inference/servers', bob, { modelId: OTHER })).status).toBe(202);
    const all = await call(hub, 'POST', '/v3/mlhub/inference/servers', carol, { modelId: THIRD });
    expect(all.status).toBe(429);
    expect(all.body.message).toMatch(/the most it runs at once \(2\)/);
  });

  it('lets an admin stop any server: by the role claim, and by the configured username', async () => {
    const list = (await call(hub, 'GET', '/v3/mlhub/inference/servers', await hub.token('carol'))).body.result as {
      id: string;
      modelId: string;
    }[];
    const ofBob = list.find((s) => s.modelId === OTHER)!;
    const admin = await hub.token('dana', { 'tapis/roles': ['mlhub_admin'] });
    const stopped = await call(hub, 'DELETE', `/v3/mlhub/inference/servers/${ofBob.id}`, admin);
    expect(stopped.status).toBe(200);
    expect(stopped.body.result.state).toBe('stopped');
    // With a slot free again, carol's request goes through; root stops it.
    const carols = await call(hub, 'POST', '/v3/mlhub/inference/servers', await hub.token('carol'), { modelId: THIRD });
    expect(carols.status).toBe(202);
    expect((await call(hub, 'DELETE', `/v3/mlhub/inference/servers/${carols.body.result.id}`, await hub.token('root'))).status).toBe(200);
  });

  it('after a hub restart, restarts the server whose child it left behind (no orphan) and keeps every record', async () => {
    const alice = await hub.token('alice');
    const live = (await call(hub, 'GET', `/v3/mlhub/inference/servers?modelId=${enc(MODEL)}`, alice)).body.result[0] as { id: string };
    await waitState(hub, alice, live.id, 'running');
    const backend = hub.app.inferenceControl.backend as LocalBackend;
    const oldPid = backend.pids().get(live.id)!;
    // A hub that dies does not end its children: this one forgets to.
    backend.close = async () => undefined;
    const before = (await call(hub, 'GET', '/v3/mlhub/inference/servers', alice)).body.result as { id: string; state: string }[];
    await hub.close();
    expect(isAlive(oldPid)).toBe(true);

    hub = await startControlHub(data.dataDir, { MLHUB_INFERENCE_MAX_PER_USER: '1', MLHUB_INFERENCE_MAX_SERVERS: '2' });
    const after = (await call(hub, 'GET', '/v3/mlhub/inference/servers', alice)).body.result as { id: string; state: string }[];
    expect(after.map((s) => s.id).sort()).toEqual(before.map((s) => s.id).sort());
    expect(isAlive(oldPid)).toBe(false);
    const running = await waitState(hub, alice, live.id, 'running');
    expect(running.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const history = (await call(hub, 'GET', `/v3/mlhub/inference/servers/${live.id}/history`, alice)).body.result as {
      message: string | null;
    }[];
    expect(history.some((h) => /outlived the hub and was ended; starting it again/.test(h.message ?? ''))).toBe(true);
    const answer = await call(hub, 'POST', `/v3/mlhub/inference/models/${enc(MODEL)}/generate`, alice, {
      inputs: 'after restart',
      parameters: { max_new_tokens: 4 },
    });
    expect(answer.status).toBe(200);
  });
});
