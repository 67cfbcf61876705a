// Each decoder step's own key and value columns as outputs of the merged decoder. The exported decoder returns
// its self-attention caches whole (`present.{i}.decoder.*`, past and new column): onnxruntime-node copies every
// output into a new JavaScript buffer, and at batch 8 with 40 cached positions that copy cost a q8 flan-t5-small
// step more than the rest of the run (11.6 against 5.3 ms). With the new columns alone (`[batch, heads, 1, d_kv]`)
// the server appends them to caches it keeps in reused buffers (column-cache.ts) and fetches no `present.*`.
//
// Found by structure: the Concat that appends to `past_key_values.{i}.decoder.{key,value}` gives the column (its
// other input). In Optimum's merged layout that Concat is inside the If's cached branch; the other branch, run
// on the first step without a past, returns the new columns as its `present` itself, which is then the column.
import { DataType, GRAPH, nodeMessage, valueInfoMessage } from './onnx-proto.js';
import { type GraphView, nodeField, valueNames } from './graph-view.js';
import { MessageWriter } from './protobuf.js';

/** The outputs' prefix: `mlhub_step_key_values.{i}.decoder.{key,value}`, beside `past_key_values.{i}.decoder.*`. */
const STEP_PREFIX = 'mlhub_step_key_values.';
const PAST_PREFIX = 'past_key_values.';
const NODE_PREFIX = 'mlhub_step_columns/';
const PAST = /^past_key_values\.(\d+)\.decoder\.(key|value)$/;

/** The output holding a step's new columns of the cache fed as `pastName`. */
export function stepColumnName(pastName: string): string {
  return `${STEP_PREFIX}${pastName.slice(PAST_PREFIX.length)}`;
}

/** The cache input a step-column output belongs to; null for any other output. */
export function pastOfStepColumn(outputName: string): string | null {
  return outputName.startsWith(STEP_PREFIX) ? `${PAST_PREFIX}${outputName.slice(STEP_PREFIX.length)}` : null;
}

/** The other input of a two-input Concat in `graph` that reads `past`. */
function appended(graph: GraphView, past: string): string | null {
  const concat = graph.nodes.find((n) => n.op === 'Concat' && n.inputs.length === 2 && n.inputs.includes(past));
  return concat ? (concat.inputs.find((i) => i !== past) ?? null) : null;
}

/** A float output of a graph (its shape left to ONNX Runtime). */
function outputField(name: string): Uint8Array {
  return new MessageWriter().message(GRAPH.output, valueInfoMessage(name, DataType.FLOAT)).finish();
}

/** `column` under `name`, as a node at the graph's end (after whatever computes it) and an output of the graph. */
function expose(graph: GraphView, column: string, name: string): void {
  graph.appended.push(nodeField(nodeMessage('Identity', [column], [name], `${name}_node`)), outputField(name));
}

/**
 * Adds a step-column output for every decoder cache of the main graph, or none when any one cannot be found
 * (the server then fetches `present.*` as before). Returns the outputs added.
 */
export function addStepColumns(graph: GraphView): number {
  const outputs = valueNames(graph, GRAPH.output);
  if (outputs.some((name) => name.startsWith(STEP_PREFIX))) return 0;
  const pasts = valueNames(graph, GRAPH.input).filter((name) => PAST.test(name));
  const plans: (() => void)[] = [];
  for (const past of pasts) {
    const [, layer, kind] = PAST.exec(past) as RegExpExecArray;
    const present = `present.${layer}.decoder.${kind}`;
    const name = stepColumnName(past);
    if (!outputs.includes(present)) return 0;
    const column = appended(graph, past);
    if (column !== null) {
      plans.push(() => expose(graph, column, name));
      continue;
    }
    // Optimum's layout: `present` is an output of an If whose branches compute the attention.
    const branching = graph.nodes.find((n) => n.branches.length > 0 && n.outputs.includes(present));
    if (!branching) return 0;
    const at = branching.outputs.indexOf(present);
    const columns = branching.branches.map((b) => appended(b.graph, past));
    if (columns.every((c) => c === null)) return 0;
    const branchPlans = branching.branches.map((b, i) => {
      const own = columns[i] ?? valueNames(b.graph, GRAPH.output)[at];
      if (own === undefined) return null;
      return () => expose(b.graph, own, `${NODE_PREFIX}${name}/${i}`);
    });
    if (branchPlans.some((p) => p === null)) return 0;
    plans.push(() => {
      for (const plan of branchPlans) plan?.();
      branching.addedOutputs.push(name);
      graph.appended.push(outputField(name));
    });
  }
  for (const plan of plans) plan();
  return plans.length;
}
