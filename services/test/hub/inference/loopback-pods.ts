import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { devTenantStaticKey } from '../../../src/common/dev-tenant/keys.js';
import { repoRoot } from '../../../src/common/paths.js';

type Json = Record<string, any>;

export interface LoopbackPod {
  definition: Json;
  status: 'REQUESTED' | 'CREATING' | 'AVAILABLE' | 'ERROR' | 'STOPPED' | 'DELETED';
  polls: number;
  container: ChildProcess | null;
  url: string | null;
  token: string | undefined;
}

/**
 * A loopback Tapis Pods API answering with the real API's shapes (`PodResponse` envelopes of
 * `PodResponseModel`): a pod goes REQUESTED -> CREATING -> AVAILABLE over successive reads, its "container"
 * being a real inference server process on loopback whose URL is `networking.default.url`. A pod whose
 * model folder is in `failing` goes to ERROR with the container's message. `down` makes every call 503.
 */
export class LoopbackPods {
  readonly pods = new Map<string, LoopbackPod>();
  readonly calls: string[] = [];
  down = false;
  failing = new Set<string>();
  private server: Server | null = null;
  url = '';

  constructor(
    private readonly dataDir: string,
    /** The store folder that the pods' volume stands for. */
    private readonly storeDir: string,
    private readonly storeMount: string,
  ) {}

  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  async close(): Promise<void> {
    for (const pod of this.pods.values()) await this.stopContainer(pod);
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  private answer(res: ServerResponse, status: number, body: Json): void {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  }

  private envelope(message: string, result: unknown): Json {
    return { status: 'success', message, result, metadata: {}, version: '1.8.2' };
  }

  private model(id: string, pod: LoopbackPod): Json {
    const d = pod.definition;
    return {
      pod_id: id,
      image: d.image,
      description: d.description,
      command: null,
      environment_variables: d.environment_variables,
      status_requested: pod.status === 'STOPPED' ? 'OFF' : 'ON',
      volume_mounts: d.volume_mounts ?? {},
      time_to_stop_default: d.time_to_stop_default,
      time_to_stop_instance: null,
      networking: {
        default: { protocol: d.networking.default.protocol, port: d.networking.default.port, url: pod.url ?? `${id}.pods.dev.tapis.io` },
      },
      resources: d.resources,
      compute_queue: 'default',
      status: pod.status,
      status_container:
        pod.status === 'ERROR'
          ? { phase: 'Failed', message: 'Back-off pulling image: model folder missing from the volume' }
          : { phase: pod.status === 'AVAILABLE' ? 'Running' : 'Pending' },
      creation_ts: '2026-12-01T20:00:00.000000',
      update_ts: '2026-12-01T20:00:01.000000',
      start_instance_ts: null,
    };
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const url = new URL(req.url ?? '/', 'http://x');
    this.calls.push(`${req.method} ${url.pathname}`);
    if (this.down)
      return this.answer(res, 503, { status: 'error', message: 'Service Unavailable', result: null, metadata: {}, version: '1.8.2' });
    const token = req.headers['x-tapis-token'];
    if (!token)
      return this.answer(res, 401, {
        status: 'error',
        message: 'No Tapis access token found in the request.',
        result: null,
        metadata: {},
        version: '1.8.2',
      });
    const match = /^\/v3\/pods(?:\/([a-z0-9]+))?(?:\/(stop|start))?$/.exec(url.pathname);
    if (!match) return this.answer(res, 404, { status: 'error', message: 'Not found', result: null, metadata: {}, version: '1.8.2' });
    const [, id, action] = match;
    if (req.method === 'POST' && !id) {
      const definition = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Json;
      if (this.pods.has(definition.pod_id))
        return this.answer(res, 400, { status: 'error', message: 'Pod already exists', result: null, metadata: {}, version: '1.8.2' });
      const pod: LoopbackPod = { definition, status: 'REQUESTED', polls: 0, container: null, url: null, token: String(token) };
      this.pods.set(definition.pod_id, pod);
      return this.answer(res, 200, this.envelope('Pod created successfully.', this.model(definition.pod_id, pod)));
    }
    const pod = id ? this.pods.get(id) : undefined;
    if (!id || !pod || pod.status === 'DELETED')
      return this.answer(res, 404, { status: 'error', message: `Pod ${id} not found`, result: null, metadata: {}, version: '1.8.2' });
    if (req.method === 'GET' && !action) {
      await this.advance(pod);
      return this.answer(res, 200, this.envelope('Pod retrieved successfully.', this.model(id, pod)));
    }
    if (req.method === 'GET' && action === 'stop') {
      await this.stopContainer(pod);
      pod.status = 'STOPPED';
      return this.answer(res, 200, this.envelope('Pod updated successfully.', this.model(id, pod)));
    }
    if (req.method === 'GET' && action === 'start') {
      pod.status = 'REQUESTED';
      pod.polls = 0;
      return this.answer(res, 200, this.envelope('Pod updated successfully.', this.model(id, pod)));
    }
    if (req.method === 'DELETE') {
      await this.stopContainer(pod);
      pod.status = 'DELETED';
      return this.answer(res, 200, { status: 'success', message: 'Pod deleted successfully.', result: '', metadata: {}, version: '1.8.2' });
    }
    return this.answer(res, 405, { status: 'error', message: 'Method not allowed', result: null, metadata: {}, version: '1.8.2' });
  }

  /** REQUESTED on the first read, CREATING on the second (the container starts), AVAILABLE once it listens. */
  private async advance(pod: LoopbackPod): Promise<void> {
    pod.polls++;
    if (pod.status === 'REQUESTED' && pod.polls >= 2) {
      const modelDir = String(pod.definition.environment_variables.MLHUB_INFERENCE_MODEL_DIR);
      if ([...this.failing].some((f) => modelDir.endsWith(f))) {
        pod.status = 'ERROR';
        return;
      }
      pod.status = 'CREATING';
      this.startContainer(pod, modelDir);
    } else if (pod.status === 'CREATING' && pod.url) {
      pod.status = 'AVAILABLE';
    }
  }

  private startContainer(pod: LoopbackPod, modelDirInPod: string): void {
    const hostDir = path.join(this.storeDir, path.relative(this.storeMount, modelDirInPod));
    const env = pod.definition.environment_variables as Record<string, string>;
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot(), 'services/src/inference/server.ts')], {
      cwd: repoRoot(),
      env: {
        PATH: process.env['PATH'],
        HOME: process.env['HOME'],
        MLHUB_INFERENCE_MODEL_DIR: hostDir,
        MLHUB_INFERENCE_MODEL_ID: env['MLHUB_INFERENCE_MODEL_ID'],
        MLHUB_INFERENCE_DTYPE: env['MLHUB_INFERENCE_DTYPE'],
        MLHUB_PORT: '0',
        MLHUB_HOST: '127.0.0.1',
        MLHUB_DATA_DIR: this.dataDir,
        MLHUB_STATIC_KEYS: JSON.stringify({ dev: devTenantStaticKey(this.dataDir) }),
      },
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    pod.container = child;
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (text: string) => {
      const found = /listening on (http:\/\/\S+)/.exec(text);
      if (found) pod.url = found[1]!;
    });
  }

  private async stopContainer(pod: LoopbackPod): Promise<void> {
    const child = pod.container;
    pod.container = null;
    pod.url = null;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
}
