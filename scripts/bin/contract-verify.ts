import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { refuseUnevaluatedProperties } from '@mlhub/services';
import { bundledSpecPath } from '../src/spec/paths.js';

// Usage: npm run contract:verify -- --base-url https://hub.example.org --token $TAPIS_TOKEN
//          [--spec openapi/dist/hub.openapi.json] [--skip-tag Inference] [--skip opId,opId]
// Walks every read (GET) operation of a live ML Hub deployment, ids discovered from its own list answers,
// and validates each answer against the spec: declared status, declared content type, body schema
// (JSON Schema 2020-12, the dialect of OpenAPI 3.1). Exit code 0 when every answer matches, 1 on any
// mismatch, 2 on a usage error. Meant for a gateway's own CI.

const addFormats = addFormatsModule.default;
type Json = Record<string, unknown>;

interface Operation {
  operationId: string;
  path: string;
  tags: string[];
  params: { name: string; in: string; required: boolean }[];
  responses: Json;
  at: string[];
}

interface Outcome {
  operationId: string;
  url: string;
  status: number | null;
  problems: string[];
  note?: string;
}

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const escapePointer = (p: string): string => p.replaceAll('~', '~0').replaceAll('/', '~1');

function deref(document: Json, node: unknown): Json {
  let current = node;
  for (let i = 0; i < 10 && isObject(current) && typeof current['$ref'] === 'string'; i++) {
    const ref = current['$ref'];
    current = ref
      .slice(2)
      .split('/')
      .map((p) => p.replaceAll('~1', '/').replaceAll('~0', '~'))
      .reduce<unknown>((at, key) => (isObject(at) ? at[key] : undefined), document);
  }
  return isObject(current) ? current : {};
}

function readOperations(document: Json): Operation[] {
  const out: Operation[] = [];
  for (const [p, item] of Object.entries((document['paths'] ?? {}) as Json)) {
    const get = isObject(item) ? item['get'] : undefined;
    if (!isObject(get) || typeof get['operationId'] !== 'string') continue;
    const params = [...(((item as Json)['parameters'] as unknown[]) ?? []), ...((get['parameters'] as unknown[]) ?? [])].map((raw) => {
      const param = deref(document, raw);
      return { name: String(param['name']), in: String(param['in']), required: param['required'] === true };
    });
    out.push({
      operationId: get['operationId'],
      path: p,
      tags: (get['tags'] as string[] | undefined) ?? [],
      params,
      responses: (get['responses'] ?? {}) as Json,
      at: ['paths', p, 'get'],
    });
  }
  return out;
}

/** Checks one answer against its operation: status, content type, body schema. */
class AnswerChecker {
  private readonly ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false });
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(private readonly document: Json) {
    addFormats(this.ajv);
    // An undocumented field is a mismatch: the spec is the whole contract, not its lower bound.
    this.ajv.addSchema(refuseUnevaluatedProperties(document), 'spec');
  }

  check(op: Operation, status: number, contentType: string | null, body: unknown): string[] {
    let at = [...op.at, 'responses', String(status)];
    let response: unknown = op.responses[String(status)];
    if (response === undefined) {
      response = op.responses['default'];
      at = [...op.at, 'responses', 'default'];
    }
    if (!isObject(response)) return [`status ${status} is not declared (declared: ${Object.keys(op.responses).join(', ')})`];
    if (typeof response['$ref'] === 'string') {
      at = response['$ref']
        .slice(2)
        .split('/')
        .map((p) => p.replaceAll('~1', '/').replaceAll('~0', '~'));
      response = deref(this.document, response);
    }
    const content = (response as Json)['content'];
    if (!isObject(content)) return body === '' || body === undefined ? [] : [`status ${status} declares no body, got one`];
    const type = (contentType ?? '').split(';')[0]?.trim() ?? '';
    if (!Object.hasOwn(content, type)) return [`content type '${type}' is not one of ${Object.keys(content).join(', ')}`];
    const pointer = `#/${[...at, 'content', type, 'schema'].map(escapePointer).join('/')}`;
    let validate = this.compiled.get(pointer);
    if (!validate) {
      validate = this.ajv.compile({ $ref: `spec${pointer}` });
      this.compiled.set(pointer, validate);
    }
    if (validate(body)) return [];
    return (validate.errors ?? [])
      .slice(0, 10)
      .map((e) => `body ${e.instancePath || '/'} ${e.message ?? 'is invalid'} ${JSON.stringify(e.params)}`);
  }
}

interface Fetched {
  status: number;
  contentType: string | null;
  body: unknown;
}

/**
 * Verifies a deployment; returns one outcome per operation tried. Ids come from the deployment's own
 * answers: the first model and dataset of the lists, a store file when the store holds a model.
 */
async function verifyDeployment(options: {
  baseUrl: string;
  token: string;
  document: Json;
  skipTags?: string[];
  skip?: string[];
  fetch?: typeof fetch;
}): Promise<Outcome[]> {
  const doFetch = options.fetch ?? fetch;
  const base = options.baseUrl.replace(/\/+$/, '');
  const checker = new AnswerChecker(options.document);
  const operations = readOperations(options.document).filter(
    (op) => !op.tags.some((t) => options.skipTags?.includes(t)) && !options.skip?.includes(op.operationId),
  );
  const byId = new Map(operations.map((op) => [op.operationId, op]));
  const outcomes: Outcome[] = [];

  const request = async (url: string): Promise<Fetched> => {
    const response = await doFetch(`${base}${url}`, { headers: { 'X-Tapis-Token': options.token, Accept: 'application/json, */*' } });
    const contentType = response.headers.get('content-type');
    const text = await response.text();
    let body: unknown = text;
    if ((contentType ?? '').includes('json') && text !== '') {
      try {
        body = JSON.parse(text);
      } catch {
        body = text;
      }
    }
    return { status: response.status, contentType, body };
  };

  const run = async (operationId: string, url: string, expectOk = true): Promise<Fetched | null> => {
    const op = byId.get(operationId);
    if (!op) return null;
    let fetched: Fetched;
    try {
      fetched = await request(url);
    } catch (error) {
      outcomes.push({ operationId, url, status: null, problems: [`request failed: ${(error as Error).message}`] });
      return null;
    }
    const problems = checker.check(op, fetched.status, fetched.contentType, fetched.body);
    if (expectOk && (fetched.status < 200 || fetched.status >= 300)) {
      const detail = isObject(fetched.body) && typeof fetched.body['message'] === 'string' ? `: ${fetched.body['message']}` : '';
      problems.unshift(`expected a 2xx answer, got ${fetched.status}${detail}`);
    }
    outcomes.push({ operationId, url, status: fetched.status, problems });
    return fetched;
  };

  const resultOf = (fetched: Fetched | null): unknown => (fetched && isObject(fetched.body) ? fetched.body['result'] : undefined);
  const first = <T>(list: unknown): T | undefined => (Array.isArray(list) ? (list[0] as T | undefined) : undefined);
  const enc = encodeURIComponent;

  // Lists first: they name the ids every other operation is tried with.
  const models = await run('listModels', '/v3/mlhub/models?limit=50');
  const nextModels = isObject(models?.body) ? (models.body['metadata'] as Json | undefined)?.['nextCursor'] : null;
  if (typeof nextModels === 'string') await run('listModels', `/v3/mlhub/models?limit=50&cursor=${enc(nextModels)}`);
  const datasets = await run('listDatasets', '/v3/mlhub/datasets?limit=50');
  const model = first<Json>(resultOf(models));
  const dataset = first<Json>(resultOf(datasets));
  const storeModel = first<Json>(resultOf(await request('/v3/mlhub/models?source=store&limit=1').catch(() => null)));
  const storeDataset = first<Json>(resultOf(await request('/v3/mlhub/datasets?source=store&limit=1').catch(() => null)));

  // Each value from the first listed item that has it, so one sparse entry does not leave an operation untried.
  const modelItems = (Array.isArray(resultOf(models)) ? resultOf(models) : []) as Json[];
  const datasetItems = (Array.isArray(resultOf(datasets)) ? resultOf(datasets) : []) as Json[];
  const pick = (items: Json[], value: (item: Json) => unknown): string | null => {
    for (const item of items) {
      const v: unknown = value(item);
      const text: unknown = Array.isArray(v) ? v[0] : v;
      if (typeof text === 'string' && text !== '') return text;
    }
    return null;
  };
  const modelId = typeof model?.['id'] === 'string' ? model['id'] : null;
  const datasetId = typeof dataset?.['id'] === 'string' ? dataset['id'] : null;
  const values: Record<string, string | null> = {
    modelId,
    datasetId,
    query: modelId ? (modelId.split('/').pop() ?? modelId).slice(0, 6) : null,
    taskType: pick(modelItems, (m) => m['pipelineTag']),
    libraryName: pick(modelItems, (m) => m['library']),
    languageName: pick(modelItems, (m) => m['languages']),
    dataset: pick(modelItems, (m) => m['datasets']),
    authorId: pick(modelItems, (m) => m['author']),
  };
  const datasetValues: Record<string, string | null> = {
    authorId: pick(datasetItems, (d) => d['author']),
    query: datasetId ? (datasetId.split('/').pop() ?? datasetId).slice(0, 4) : null,
    languageName: pick(datasetItems, (d) => d['languages']),
    taskType: pick(datasetItems, (d) => d['taskCategories']),
    sizeCategory: pick(datasetItems, (d) => d['sizeCategories']),
  };

  // A store file for the streaming operations, from the download links of a store repository.
  const storeFile = async (kind: 'models' | 'datasets', repo: Json | undefined): Promise<{ id: string; path: string } | null> => {
    if (!repo || typeof repo['id'] !== 'string') return null;
    const links = resultOf(await request(`/v3/mlhub/${kind}/${enc(repo['id'])}/download`).catch(() => null));
    const files = isObject(links) && Array.isArray(links['files']) ? (links['files'] as Json[]) : [];
    const file = files.find((f) => f['source'] === 'store' && typeof f['path'] === 'string');
    return file ? { id: repo['id'], path: String(file['path']) } : null;
  };
  const modelFile = await storeFile('models', storeModel);
  const datasetFile = await storeFile('datasets', storeDataset);

  let serverId: string | null = null;
  if (byId.has('listInferenceServers')) {
    const servers = await run('listInferenceServers', '/v3/mlhub/inference/servers');
    const server = first<Json>(resultOf(servers));
    serverId = typeof server?.['id'] === 'string' ? server['id'] : null;
  }

  for (const op of operations) {
    if (['listModels', 'listDatasets', 'listInferenceServers'].includes(op.operationId)) continue;
    const isDatasetPath = op.path.includes('/datasets') || op.path.includes('dataset_');
    let url = op.path;
    let missing: string | null = null;
    for (const param of op.params.filter((p) => p.in === 'path')) {
      const value =
        param.name === 'serverId'
          ? serverId
          : op.operationId.startsWith('downloadModelFile')
            ? (modelFile?.id ?? null)
            : op.operationId.startsWith('downloadDatasetFile')
              ? (datasetFile?.id ?? null)
              : ((isDatasetPath ? datasetValues[param.name] : undefined) ?? values[param.name] ?? null);
      if (value === null || value === undefined) {
        missing = param.name;
        break;
      }
      url = url.replace(`{${param.name}}`, enc(value));
    }
    const query = new URLSearchParams();
    for (const param of op.params.filter((p) => p.in === 'query' && p.required)) {
      const file = op.operationId === 'downloadModelFile' ? modelFile : op.operationId === 'downloadDatasetFile' ? datasetFile : null;
      if (param.name === 'path' && file) query.set('path', file.path);
      else missing ??= param.name;
    }
    if (missing) {
      outcomes.push({
        operationId: op.operationId,
        url: op.path,
        status: null,
        problems: [],
        note: `skipped: the deployment's answers gave no value for '${missing}'`,
      });
      continue;
    }
    const full = query.size ? `${url}?${query.toString()}` : url;
    // Some read operations answer a documented error on a healthy deployment (the legacy inference server
    // of a model with none running): any status the spec declares is then a pass.
    await run(op.operationId, full, op.operationId !== 'legacyGetModelInferenceServer' && op.operationId !== 'getInferenceAvailability');
  }
  return outcomes;
}

async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs({
      options: {
        'base-url': { type: 'string' },
        token: { type: 'string' },
        spec: { type: 'string' },
        'skip-tag': { type: 'string', multiple: true },
        skip: { type: 'string', multiple: true },
        help: { type: 'boolean' },
      },
    }).values;
  } catch (error) {
    console.error((error as Error).message);
    return 2;
  }
  const baseUrl = args['base-url'];
  const token = args.token ?? process.env['TAPIS_TOKEN'];
  if (args.help || !baseUrl || !token) {
    console.error('usage: npm run contract:verify -- --base-url URL --token TOKEN [--spec FILE] [--skip-tag TAG] [--skip opId,...]');
    return 2;
  }
  const specFile = path.resolve(args.spec ?? bundledSpecPath('hub'));
  const document = JSON.parse(readFileSync(specFile, 'utf8')) as Json;
  const outcomes = await verifyDeployment({
    baseUrl,
    token,
    document,
    skipTags: (args['skip-tag'] ?? []).flatMap((t) => t.split(',')),
    skip: (args.skip ?? []).flatMap((s) => s.split(',')),
  });
  let failed = 0;
  for (const o of outcomes) {
    if (o.note) {
      console.log(`skip ${o.operationId}: ${o.note}`);
      continue;
    }
    const ok = o.problems.length === 0;
    if (!ok) failed++;
    console.log(`${ok ? 'ok  ' : 'FAIL'} ${o.operationId} ${o.status ?? '-'} GET ${o.url}`);
    for (const p of o.problems) console.log(`       ${p}`);
  }
  const verified = new Set(outcomes.filter((o) => !o.note).map((o) => o.operationId)).size;
  console.log(`\n${verified} operation(s) verified against ${path.basename(specFile)}, ${failed} answer(s) mismatched`);
  return failed > 0 ? 1 : 0;
}

process.exitCode = await main();
