import { mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { storeVerdict } from '@mlhub/services/hub';
import { makeModel } from '../model/index.js';

/** The id of the embedded default model: a random-weight flan-t5-small written by the generator. */
export const DEFAULT_MODEL_ID = 'local/flan-t5-small-random';

/** Model ids in the store (`models/<owner>/<name>` and bare `models/<name>` folders holding a config.json). */
function storeModelIds(storeDir: string): string[] {
  const root = path.join(storeDir, 'models');
  const ids: string[] = [];
  const dirs = (dir: string): string[] => {
    try {
      return readdirSync(dir).filter((n) => !n.startsWith('.') && statSync(path.join(dir, n)).isDirectory());
    } catch {
      return [];
    }
  };
  for (const owner of dirs(root)) {
    const ownerDir = path.join(root, owner);
    const hasConfig = readdirSync(ownerDir).includes('config.json');
    if (hasConfig) ids.push(owner);
    else for (const name of dirs(ownerDir)) ids.push(`${owner}/${name}`);
  }
  return ids;
}

export interface EnsuredModel {
  /** True when it was written now. */
  written: boolean;
  modelId: string | null;
  /** What to print on the console. */
  message: string;
}

/**
 * The embedded default: when the store holds no model an inference server can load, writes the
 * flan-t5-small-shaped random model as `local/flan-t5-small-random` (its card says the weights are random),
 * in a temporary folder first and then renamed into place, so a crash never leaves half a model.
 */
export async function ensureDefaultModel(
  storeDir: string,
  options: { shape?: 'tiny' | 'flan-t5-small'; dtype?: 'fp32' | 'q8' | 'both' } = {},
): Promise<EnsuredModel> {
  for (const id of storeModelIds(storeDir)) {
    if ((await storeVerdict(storeDir, id)).servable)
      return { written: false, modelId: id, message: `Model store ${storeDir} serves '${id}'` };
  }
  const target = path.join(storeDir, 'models', ...DEFAULT_MODEL_ID.split('/'));
  mkdirSync(path.dirname(target), { recursive: true });
  const staging = mkdtempSync(path.join(storeDir, '.default-model-'));
  try {
    const made = await makeModel({ shape: options.shape ?? 'flan-t5-small', outDir: staging, dtype: options.dtype ?? 'both' });
    rmSync(target, { recursive: true, force: true });
    renameSync(staging, target);
    return {
      written: true,
      modelId: DEFAULT_MODEL_ID,
      message: `The model store held no servable model: wrote '${DEFAULT_MODEL_ID}' (${made.parameters.toLocaleString('en-US')} parameters, RANDOM weights, not Google's) to ${target}`,
    };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}
