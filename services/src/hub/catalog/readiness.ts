import type { CatalogContext } from './context.js';
import type { ReadyCheck, Readiness } from './types.js';

/** How long one Hugging Face ping answers readiness probes (a probe every few seconds must not become a request each). */
const PING_TTL_MS = 30_000;

export interface SourceChecks {
  /** Each source's check, Hugging Face pinged (at most every 30 s), and whether any of them can serve. */
  readiness(): Promise<Readiness>;
  /** Each source as last seen; no upstream call. */
  health(): Promise<ReadyCheck[]>;
}

export function sourceChecks(ctx: CatalogContext): SourceChecks {
  let ping: { at: number; check: Promise<ReadyCheck> } | null = null;

  function huggingfacePing(): Promise<ReadyCheck> {
    if (!ping || ctx.now() - ping.at > PING_TTL_MS) {
      ping = {
        at: ctx.now(),
        check: ctx.hf
          .ping()
          .then((): ReadyCheck => ({ name: 'huggingface', ok: true, detail: ctx.hf.hubUrl }))
          .catch((error: Error): ReadyCheck => ({ name: 'huggingface', ok: false, detail: error.message })),
      };
    }
    return ping.check;
  }

  function huggingfaceLastSeen(): ReadyCheck {
    const last = ctx.hf.lastOutcome;
    return last
      ? { name: 'huggingface', ok: last.ok, detail: last.detail }
      : { name: 'huggingface', ok: true, detail: `${ctx.hf.hubUrl} (not called yet)` };
  }

  async function checks(probe: boolean): Promise<ReadyCheck[]> {
    const all: Array<Promise<ReadyCheck>> = [];
    const { snapshot, store } = ctx;
    if (snapshot) {
      all.push(
        Promise.resolve({
          name: 'snapshot',
          ok: snapshot.models.length > 0,
          detail: `${snapshot.models.length} models, ${snapshot.datasets.length} datasets`,
        }),
      );
    }
    if (store) {
      all.push(
        store
          .realRoot()
          .then((root): ReadyCheck => ({
            name: 'store',
            ok: true,
            detail: root ?? `${ctx.storeDir ?? ''} does not exist yet (an empty store)`,
          }))
          .catch((error: Error): ReadyCheck => ({ name: 'store', ok: false, detail: `The model store cannot be read: ${error.message}` })),
      );
    }
    if (ctx.hfEnabled) all.push(probe ? huggingfacePing() : Promise.resolve(huggingfaceLastSeen()));
    return Promise.all(all);
  }

  return {
    async readiness() {
      const all = await checks(true);
      // Hugging Face answers it has cached still serve while it fails.
      return { ready: all.some((c) => c.ok) || (ctx.hfEnabled && ctx.cache.bytes > 0), checks: all };
    },
    health: () => checks(false),
  };
}
