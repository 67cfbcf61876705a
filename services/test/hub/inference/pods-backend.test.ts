import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { endpointOf, podIdOf } from '../../../src/hub/inference/pods-backend.js';
import { call, putTinyModel, removeTinyCache, startControlHub, tempDataDir, waitFor, waitState, type ControlHub } from './harness.js';
import { LoopbackPods } from './loopback-pods.js';

const MODEL = 'local/tiny-t5';
const BROKEN = 'local/broken-t5';
const LATER = 'local/later-t5';
const enc = encodeURIComponent;

describe('the pod URL', () => {
  it('takes networking.default.url with or without a scheme', () => {
    expect(endpointOf({ pod_id: 'a', networking: { default: { url: 'mlhubsrv1.pods.tacc.tapis.io' } } })).toBe(
      'https://mlhubsrv1.pods.tacc.tapis.io',
    );
    expect(endpointOf({ pod_id: 'a', networking: { default: { url: 'http://127.0.0.1:9/' } } })).toBe('http://127.0.0.1:9');
    expect(endpointOf({ pod_id: 'a', networking: {} })).toBeNull();
    expect(podIdOf('srv-7f3a9c01')).toBe('mlhubsrv7f3a9c01');
  });
});

describe('pods backend against a loopback Tapis Pods API', () => {
  const data = tempDataDir();
  const pods = new LoopbackPods(data.dataDir, data.storeDir, '/store');
  let hub: ControlHub;
  let alice: string;
  let serverId: string;

  beforeAll(async () => {
    for (const id of [MODEL, BROKEN, LATER]) putTinyModel(data.storeDir, id);
    pods.failing.add('broken-t5');
    const podsUrl = await pods.start();
    hub = await startControlHub(data.dataDir, {
      MLHUB_INFERENCE_BACKEND: 'pods',
      MLHUB_PODS_URL: podsUrl,
      MLHUB_PODS_VOLUME: 'mlhubstore',
      MLHUB_PODS_STORE_MOUNT: '/store',
      MLHUB_PODS_POLL_MS: '100',
      MLHUB_PODS_IMAGE: 'tapis/mlhub-inference:1.0',
      MLHUB_INFERENCE_DTYPE: 'q8',
    });
    alice = await hub.token('alice');
  });
  afterAll(async () => {
    await hub?.close();
    await pods.close();
    data.remove();
    removeTinyCache();
  });

  it('creates the pod from the allow-listed image with the model, dtype, store volume, networking and resources', async () => {
    const created = await call(hub, 'POST', '/v3/mlhub/inference/servers', alice, { modelId: MODEL });
    expect(created.status).toBe(202);
    expect(created.body.result).toMatchObject({ state: 'pending', backend: 'pods' });
    serverId = created.body.result.id;
    const pod = pods.pods.get(podIdOf(serverId))!;
    expect(pod.token).toBe(alice);
    expect(pod.definition).toMatchObject({
      pod_id: podIdOf(serverId),
      image: 'tapis/mlhub-inference:1.0',
      environment_variables: {
        MLHUB_INFERENCE_MODEL_ID: MODEL,
        MLHUB_INFERENCE_MODEL_DIR: '/store/models/local/tiny-t5',
        MLHUB_INFERENCE_DTYPE: 'q8',
        MLHUB_PORT: '8000',
        MLHUB_HOST: '0.0.0.0',
      },
      volume_mounts: { mlhubstore: { type: 'tapisvolume', mount_path: '/store', sub_path: '' } },
      networking: { default: { protocol: 'http', port: 8000 } },
      resources: { cpu_limit: 2000, cpu_request: 1000, mem_limit: 3072, mem_request: 1536, gpus: 0 },
      time_to_stop_default: 43200,
    });
  });

  it('polls REQUESTED -> CREATING -> AVAILABLE, then the server readiness; the endpoint is the pod URL', async () => {
    const running = await waitState(hub, alice, serverId, 'running');
    expect(running.endpoint).toBe(pods.pods.get(podIdOf(serverId))!.url);
    const messages = (
      (await call(hub, 'GET', `/v3/mlhub/inference/servers/${serverId}/history`, alice)).body.result as { message: string | null }[]
    ).map((h) => h.message);
    expect(messages).toEqual(
      expect.arrayContaining(['Pod is REQUESTED', 'Pod is CREATING', "Pod is AVAILABLE; waiting for the server's readiness"]),
    );
    const answer = await call(hub, 'POST', `/v3/mlhub/inference/models/${enc(MODEL)}/generate`, alice, {
      inputs: 'through a pod',
      parameters: { max_new_tokens: 4 },
    });
    expect(answer.status).toBe(200);
    expect(answer.body.result.modelId).toBe(MODEL);
  });

  it("marks a pod in ERROR failed, with the pod's message", async () => {
    const created = await call(hub, 'POST', '/v3/mlhub/inference/servers', alice, { modelId: BROKEN });
    expect(created.status).toBe(202);
    const failed = await waitState(hub, alice, created.body.result.id, 'failed');
    expect(failed.message).toMatch(/failed: Back-off pulling image: model folder missing from the volume/);
  });

  it('answers 503 with a clear message in a Pods outage and keeps everything in the state', async () => {
    pods.down = true;
    try {
      const refused = await call(hub, 'POST', '/v3/mlhub/inference/servers', alice, { modelId: LATER });
      expect(refused.status).toBe(503);
      expect(refused.body.metadata.code).toBe('SERVICE_UNAVAILABLE');
      expect(refused.body.message).toBe('Tapis Pods is unavailable (creating the pod answered 503: Service Unavailable)');
      expect(refused.headers.get('retry-after')).toBe('30');
      const recorded = (await call(hub, 'GET', `/v3/mlhub/inference/servers?modelId=${enc(LATER)}`, alice)).body.result as {
        state: string;
        message: string;
      }[];
      expect(recorded).toEqual([expect.objectContaining({ state: 'failed', message: refused.body.message })]);

      const stop = await call(hub, 'DELETE', `/v3/mlhub/inference/servers/${serverId}`, alice);
      expect(stop.status).toBe(503);
      expect(stop.body.message).toMatch(/deleting the pod answered 503.*the server is unchanged, try again/);
      expect((await call(hub, 'GET', `/v3/mlhub/inference/servers/${serverId}`, alice)).body.result.state).toBe('running');
    } finally {
      pods.down = false;
    }
    const retried = await call(hub, 'POST', '/v3/mlhub/inference/servers', alice, { modelId: LATER });
    expect(retried.status).toBe(202);
    await waitState(hub, alice, retried.body.result.id, 'running');
  });

  it('deletes the pod when the server is stopped', async () => {
    const stopped = await call(hub, 'DELETE', `/v3/mlhub/inference/servers/${serverId}`, alice);
    expect(stopped.status).toBe(200);
    expect(stopped.body.result).toMatchObject({ state: 'stopped', endpoint: null });
    expect(pods.pods.get(podIdOf(serverId))!.status).toBe('DELETED');
    expect(pods.calls).toContain(`DELETE /v3/pods/${podIdOf(serverId)}`);
  });

  it('after a hub restart, polls the pods again: a running one keeps its endpoint', async () => {
    const later = (await call(hub, 'GET', `/v3/mlhub/inference/servers?modelId=${enc(LATER)}&state=running`, alice)).body.result[0] as {
      id: string;
      endpoint: string;
    };
    await hub.close();
    hub = await startControlHub(data.dataDir, {
      MLHUB_INFERENCE_BACKEND: 'pods',
      MLHUB_PODS_URL: pods.url,
      MLHUB_PODS_TOKEN: alice,
      MLHUB_PODS_POLL_MS: '100',
    });
    const after = await waitFor('the reconciled server', async () => {
      const s = (await call(hub, 'GET', `/v3/mlhub/inference/servers/${later.id}`, alice)).body.result;
      return s.state === 'running' ? s : undefined;
    });
    expect(after.endpoint).toBe(later.endpoint);
    const history = (await call(hub, 'GET', `/v3/mlhub/inference/servers/${later.id}/history`, alice)).body.result as {
      message: string | null;
    }[];
    expect(history.at(-1)?.message).toBe('Found running after a hub restart');
    expect((await call(hub, 'DELETE', `/v3/mlhub/inference/servers/${later.id}`, alice)).status).toBe(200);
  });
});
