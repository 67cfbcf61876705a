import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { isApiError } from '../../common/errors.js';
import type { Catalog, RepoFile } from '../catalog/types.js';
import { validateRepoId } from '../ids.js';
import { publicServer, type InferenceServer, type ServerRow } from './state.js';

/** The ONNX graphs a server loads, fp32 and q8 (`{S}` = `` or `_quantized`), as transformers.js names them. */
export const ONNX_GRAPHS = ['onnx/encoder_model', 'onnx/decoder_model_merged'] as const;
const SUFFIXES = ['', '_quantized'] as const;
/** Text-to-text families our server runs (config `model_type`). */
const SERVED_TYPES = new Set(['t5', 'mt5']);

export interface Availability {
  modelId: string;
  servable: boolean;
  reason: string | null;
  server: InferenceServer | null;
  /** Where it can be served from: already in the store, or pulled first. */
  where: 'store' | 'pull' | null;
}

/** The store folder of a model id (validated: no `..`, at most owner/name). */
export function modelDirOf(storeDir: string, modelId: string): string {
  return path.join(storeDir, 'models', ...validateRepoId(modelId).split('/'));
}

/** Whether a file list holds a complete ONNX export (both graphs with one suffix). */
export function hasOnnxExport(paths: ReadonlySet<string>): boolean {
  return SUFFIXES.some((s) => ONNX_GRAPHS.every((g) => paths.has(`${g}${s}.onnx`)));
}

/** The text-to-text rule: config `model_type` t5 / mt5, or a FLAN-T5 by its id when the type is unknown. */
function isServedFamily(modelType: string | null, modelId: string): boolean {
  if (modelType !== null) return SERVED_TYPES.has(modelType);
  return /(^|\/)flan-t5(-|$)/i.test(modelId);
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    (s) => s.isFile(),
    () => false,
  );
}

/** A model folder in the store that a server can load: its config says T5-family, and an ONNX export is there. */
export async function storeVerdict(
  storeDir: string,
  modelId: string,
): Promise<{ present: boolean; servable: boolean; reason: string | null }> {
  const dir = modelDirOf(storeDir, modelId);
  const config = await readFile(path.join(dir, 'config.json'), 'utf8').then(
    (t) => JSON.parse(t) as Record<string, unknown>,
    () => null,
  );
  if (config === null) return { present: false, servable: false, reason: null };
  const modelType = typeof config['model_type'] === 'string' ? config['model_type'] : null;
  if (!isServedFamily(modelType, modelId)) {
    return {
      present: true,
      servable: false,
      reason: `'${modelId}' is not a text-to-text T5-family model (model_type ${modelType ?? 'unknown'})`,
    };
  }
  const found = new Set<string>();
  for (const g of ONNX_GRAPHS) for (const s of SUFFIXES) if (await exists(path.join(dir, `${g}${s}.onnx`))) found.add(`${g}${s}.onnx`);
  if (!hasOnnxExport(found)) {
    return {
      present: true,
      servable: false,
      reason: `'${modelId}' has no ONNX export in the store (needs onnx/encoder_model.onnx and onnx/decoder_model_merged.onnx)`,
    };
  }
  return { present: true, servable: true, reason: null };
}

export interface AvailabilityOptions {
  catalog: Catalog;
  storeDir: string;
  maxModelBytes: number;
  liveServer(modelId: string): ServerRow | undefined;
}

/**
 * Can this hub serve the model: from the store as it is, or after a pull from the configured hub (its
 * repository lists an ONNX export); otherwise why not. Unknown models are the catalog's 404.
 */
export async function availabilityOf(options: AvailabilityOptions, requestedId: string): Promise<Availability> {
  validateRepoId(requestedId);
  const answer = (modelId: string, verdict: { servable: boolean; reason: string | null; where: Availability['where'] }): Availability => {
    const live = options.liveServer(modelId);
    return { modelId, ...verdict, server: live ? publicServer(live) : null };
  };
  const local = await storeVerdict(options.storeDir, requestedId);
  if (local.present) return answer(requestedId, { servable: local.servable, reason: local.reason, where: local.servable ? 'store' : null });

  const model = (await options.catalog.getModel(requestedId)).result;
  const id = model.id;
  if (id !== requestedId) {
    const canonical = await storeVerdict(options.storeDir, id);
    if (canonical.present)
      return answer(id, { servable: canonical.servable, reason: canonical.reason, where: canonical.servable ? 'store' : null });
  }
  const no = (reason: string): Availability => answer(id, { servable: false, reason, where: null });
  if (!model.servable && !isServedFamily(model.modelType, id)) {
    return no(
      `'${id}' is not a text-to-text T5-family model (pipeline ${model.pipelineTag ?? 'unknown'}, model_type ${model.modelType ?? 'unknown'})`,
    );
  }
  if (model.gated) return no(`'${id}' is gated on the hub; accept its conditions there and pull it with a token`);
  let files: RepoFile[];
  try {
    files = (await options.catalog.listModelFiles(id)).result.files;
  } catch (error) {
    if (isApiError(error) && error.code === 'NOT_FOUND')
      return no(`The file list of '${id}' is not known here, so its ONNX export cannot be checked`);
    throw error;
  }
  const paths = new Set(files.map((f) => f.path));
  if (!hasOnnxExport(paths)) {
    return no(
      `'${id}' has no ONNX export in its repository (onnx/encoder_model.onnx and onnx/decoder_model_merged.onnx, as the Xenova/ exports have)`,
    );
  }
  // What a server loads is the smallest complete export (q8 when there is one), not the whole repository.
  const sizes = new Map(files.map((f) => [f.path, typeof f.size === 'number' ? f.size : 0]));
  const exportBytes = Math.min(
    ...SUFFIXES.filter((x) => ONNX_GRAPHS.every((g) => paths.has(`${g}${x}.onnx`))).map((x) =>
      ONNX_GRAPHS.reduce((n, g) => n + (sizes.get(`${g}${x}.onnx`) ?? 0), 0),
    ),
  );
  if (exportBytes > options.maxModelBytes) {
    return no(`'${id}' is too large to serve here (its ONNX export is ${exportBytes} bytes, the limit is ${options.maxModelBytes})`);
  }
  return answer(id, { servable: true, reason: null, where: 'pull' });
}
