import type { FastifyBaseLogger } from 'fastify';
import { newId } from './control-plane.js';
import { pullModel, PullError } from './pull.js';
import type { ControlState, ModelPull } from './state.js';

export interface PullJobsOptions {
  state: ControlState;
  storeDir: string;
  hubUrl: string;
  token?: string;
  fetch?: typeof fetch;
  log: FastifyBaseLogger;
}

/** Pull jobs: rows in the state file, each run in the background by `pullModel`, its progress written back. */
export class PullJobs {
  private readonly running = new Map<string, { abort: AbortController; done: Promise<void> }>();

  constructor(private readonly options: PullJobsOptions) {
    // A job a previous hub process was running is resumed (its staged bytes are kept, so it continues).
    for (const job of options.state.pulls(['queued', 'downloading', 'verifying'])) this.run(job);
  }

  start(request: Pick<ModelPull, 'modelId' | 'revision' | 'dtype' | 'createdBy'>): { created: ModelPull } | { running: ModelPull } {
    const outcome = this.options.state.insertPull({ id: newId('pull'), ...request });
    if ('created' in outcome) this.run(outcome.created);
    return outcome;
  }

  /** Resolves when the job's run ends (tests). */
  async settled(jobId: string): Promise<void> {
    await this.running.get(jobId)?.done;
  }

  private run(job: ModelPull): void {
    const abort = new AbortController();
    const { state } = this.options;
    const done = pullModel({
      hubUrl: this.options.hubUrl,
      ...(this.options.token ? { token: this.options.token } : {}),
      storeDir: this.options.storeDir,
      modelId: job.modelId,
      revision: job.revision,
      dtype: job.dtype,
      ...(this.options.fetch ? { fetch: this.options.fetch } : {}),
      signal: abort.signal,
      onProgress: (p) => state.updatePull(job.id, { state: p.state, bytesDone: p.bytesDone, bytesTotal: p.bytesTotal, files: p.files }),
    }).then(
      () => {
        state.updatePull(job.id, { state: 'done', message: null });
        this.options.log.info({ jobId: job.id, modelId: job.modelId }, 'model pulled into the store');
      },
      (error: unknown) => {
        if (abort.signal.aborted) return;
        const message = error instanceof PullError ? error.message : `Pull failed: ${(error as Error).message}`;
        state.updatePull(job.id, { state: 'failed', message });
        this.options.log.warn({ jobId: job.id, modelId: job.modelId, reason: message }, 'model pull failed');
      },
    );
    const entry = { abort, done: done.finally(() => this.running.delete(job.id)) };
    this.running.set(job.id, entry);
  }

  async close(): Promise<void> {
    for (const { abort } of this.running.values()) abort.abort(new Error('hub closing'));
    await Promise.all([...this.running.values()].map((r) => r.done));
  }
}
