import { parseArgs } from 'node:util';
import { hubConfig, pullModel, storeDirOf, type PullDtype, type PullProgress } from '@mlhub/services/hub';

const PULL_USAGE = 'usage: npm run model:pull -- <owner/name> [--revision main] [--dtype fp32|q8|both] [--hub URL] [--store DIR]';

/**
 * `npm run model:pull`: the same pull the hub's `createModelPull` runs, from the command line. Hub and
 * store default to the hub's configuration (`MLHUB_PULL_HUB_URL` / `MLHUB_HUGGINGFACE_URL`, `MLHUB_STORE_DIR`
 * / `{MLHUB_DATA_DIR}/store`, `MLHUB_HUGGINGFACE_TOKEN`). Progress goes to `progress`; resolves with the last line.
 */
export async function modelPullCommand(
  argv: string[],
  env: Record<string, string | undefined>,
  progress: (line: string) => void,
): Promise<string> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      revision: { type: 'string', default: 'main' },
      dtype: { type: 'string', default: 'both' },
      hub: { type: 'string' },
      store: { type: 'string' },
    },
  });
  const modelId = positionals[0];
  if (!modelId || positionals.length > 1) throw new Error(PULL_USAGE);
  if (!['fp32', 'q8', 'both'].includes(values.dtype)) throw new Error(`--dtype must be fp32, q8 or both (${PULL_USAGE})`);
  const config = hubConfig.load(env);
  const storeDir = values.store ?? storeDirOf(config);
  let shown = '';
  const started = Date.now();
  const { dir, files } = await pullModel({
    hubUrl: values.hub ?? (config.pullHubUrl || config.huggingfaceUrl),
    ...(config.huggingfaceToken ? { token: config.huggingfaceToken } : {}),
    storeDir,
    modelId,
    revision: values.revision,
    dtype: values.dtype as PullDtype,
    progressMs: 1000,
    onProgress: (p: PullProgress) => {
      const line = `${p.state} ${mb(p.bytesDone)} of ${p.bytesTotal === null ? '?' : mb(p.bytesTotal)} MB (${p.files.filter((f) => f.done).length}/${p.files.length} files)`;
      if (line !== shown) progress(line);
      shown = line;
    },
  });
  const bytes = files.reduce((n, f) => n + f.size, 0);
  return `pulled ${modelId} (${files.length} files, ${mb(bytes)} MB, checked) into ${dir} in ${((Date.now() - started) / 1000).toFixed(1)} s`;
}

const mb = (bytes: number): string => (bytes / 1e6).toFixed(1);
