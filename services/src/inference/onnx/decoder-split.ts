// The merged decoder split in two: the cached branch of its If alone, as the decoder every step runs, and the
// nodes that compute the cross-attention keys and values from the encoder's output, as a small model run once
// per request after the encoder.
//
// Why: the merged decoder (Optimum's, and the generated one) chooses with an If on `use_cache_branch` between
// projecting the encoder's output (the first step) and passing the cached keys and values through (every later
// step). ONNX Runtime runs the chosen branch as a subgraph and copies what it returns: at batch 8 the If and the
// Identity nodes that pass the caches through took 2.5 of a q8 flan-t5-small step's 11 ms. And because a first
// step took the other branch, a request arriving while others decode ran its first step on its own before it
// could join them. The cached branch with an empty self-attention past is the first step (T5's position bias
// depends on query minus key only, and Concat with an empty past is the new key alone), so with the cross
// attention computed beforehand a newcomer joins the others' run at its first step.
//
// Found by structure: the main graph's one If reading `use_cache_branch`; its outputs `present.{i}.encoder.*`
// are the cross-attention caches. The cached branch's nodes take the If's place (its outputs renamed to the
// If's; a cache it passes through by Identity is read from the past input directly, and no longer returned).
// The other branch's nodes that `present.{i}.encoder.*` depend on, back to `encoder_hidden_states`, and the
// weights they read, make the second model, whose outputs carry the `present.*` names.
import { DataType, GRAPH, nodeMessage, valueInfoMessage } from './onnx-proto.js';
import {
  type GraphView,
  type NodeView,
  namedFields,
  nodeField,
  fieldPiece,
  type Piece,
  producers,
  readModel,
  renamedNode,
  valueNames,
} from './graph-view.js';
import { type Field, MessageWriter } from './protobuf.js';

/** The merged decoder's input that chooses the branch; the split decoder takes none. */
export const USE_CACHE = 'use_cache_branch';
/** The cross-attention model's input: the encoder's output. */
export const ENCODER_STATES = 'encoder_hidden_states';
const ENCODER_PRESENT = /^present\.\d+\.encoder\.(key|value)$/;
/** Prefix of the inlined nodes' names (and of the few nodes added), which must not meet the main graph's. */
const INLINED = 'mlhub_inlined/';
/** GraphProto.value_info: shapes of intermediate values, some of which name the outputs dropped. */
const VALUE_INFO = 13;

/** Renames that make a branch's outputs the names its If gave them; an Identity node where a rename cannot. */
interface OutputNames {
  /** Inside the branch: branch output name to the If's. */
  renames: Map<string, string>;
  /** Identity nodes for outputs that are not produced by the branch, or that two outputs share. */
  identities: Uint8Array[];
}

/** `wanted`: [branch output, If output] pairs; one branch output may give two If outputs. */
function outputNames(branch: GraphView, wanted: readonly (readonly [string, string])[]): OutputNames {
  const produced = new Set(branch.nodes.flatMap((n) => n.outputs));
  const renames = new Map<string, string>();
  const identities: Uint8Array[] = [];
  for (const [from, to] of wanted) {
    const earlier = renames.get(from);
    if (earlier === undefined && produced.has(from)) renames.set(from, to);
    else identities.push(nodeField(nodeMessage('Identity', [earlier ?? from], [to], `${INLINED}${to}`)));
  }
  return { renames, identities };
}

/** One branch of the If, by attribute name; refused when it holds subgraphs of its own. */
function branch(choice: NodeView, name: string): GraphView {
  const found = choice.branches.find((b) => b.name === name)?.graph;
  if (!found) throw new Error(`the If has no ${name}`);
  if (found.nodes.some((n) => n.branches.length > 0)) throw new Error(`the If's ${name} holds subgraphs`);
  return found;
}

/** Bytes of every field of one number in a branch (its initializers), which the main graph or model takes in. */
function branchFields(graph: GraphView, number: number): Uint8Array[] {
  return graph.fields.filter((f) => f.field === number).map((f) => graph.source.bytes(f.start, f.end - f.start));
}

/**
 * Writes `decoderTarget`, the merged decoder at `source` without its If (the cached branch inlined), and
 * `crossTarget`, the model that computes `present.{i}.encoder.*` from `encoder_hidden_states`. Returns the
 * cross-attention outputs. Throws before writing anything when the graph is not laid out as described above.
 */
export async function writeSplitDecoder(source: string, decoderTarget: string, crossTarget: string): Promise<number> {
  return readModel(source, async (model) => {
    const { graph, file } = model;
    const branching = graph.nodes.filter((n) => n.branches.length > 0);
    const choice = branching.find((n) => n.op === 'If' && n.inputs[0] === USE_CACHE);
    if (!choice || branching.length !== 1) throw new Error(`the decoder has no single If on ${USE_CACHE}`);
    const cached = branch(choice, 'then_branch');
    const fresh = branch(choice, 'else_branch');
    const ifOutputs = choice.outputs;
    const [cachedOutputs, freshOutputs] = [valueNames(cached, GRAPH.output), valueNames(fresh, GRAPH.output)];
    if (cachedOutputs.length !== ifOutputs.length || freshOutputs.length !== ifOutputs.length)
      throw new Error("the If's branches do not return its outputs");
    const cross = ifOutputs.filter((name) => ENCODER_PRESENT.test(name));
    if (cross.length === 0) throw new Error('the If returns no cross-attention keys and values');
    const inputs = namedFields(graph, GRAPH.input);
    const statesInput = inputs.get(ENCODER_STATES);
    if (!statesInput) throw new Error(`the decoder takes no ${ENCODER_STATES}`);

    // The decoder: the cached branch's nodes in the If's place.
    const produced = new Set(cached.nodes.flatMap((n) => n.outputs));
    const read = new Set(cached.nodes.flatMap((n) => n.inputs));
    const cachedProducer = producers(cached);
    const bypass = new Map<string, string>();
    const passThrough = new Set<NodeView>();
    const wanted: [string, string][] = [];
    ifOutputs.forEach((name, i) => {
      const own = cachedOutputs[i] as string;
      const identity = cachedProducer.get(own);
      const past = identity?.op === 'Identity' ? identity.inputs[0] : undefined;
      if (ENCODER_PRESENT.test(name) && identity && past !== undefined && !produced.has(past) && !read.has(own)) {
        bypass.set(name, past);
        passThrough.add(identity);
      } else wanted.push([own, name]);
    });
    const named = outputNames(cached, wanted);
    graph.replaced.set(choice.index, [
      ...cached.nodes.filter((n) => !passThrough.has(n)).map((n) => renamedNode(n, named.renames, INLINED)),
      ...named.identities,
      ...branchFields(cached, GRAPH.initializer),
    ]);
    for (const node of graph.nodes)
      if (node !== choice && node.inputs.some((i) => bypass.has(i))) graph.replaced.set(node.index, [renamedNode(node, bypass)]);
    // The cross-attention caches are inputs only now; `use_cache_branch` chooses nothing; the encoder's output
    // is read by the other model (unless the main graph still reads it).
    const dropped = new Set(cross);
    for (const number of [GRAPH.output, VALUE_INFO])
      for (const [name, { index }] of namedFields(graph, number)) if (dropped.has(name)) graph.replaced.set(index, []);
    // What the decoder still reads: the other weights (the cross-attention projections) go to the other model,
    // where ONNX Runtime would load and then drop them from this one, with a warning each.
    const kept = new Set([...graph.nodes.filter((n) => n !== choice).flatMap((n) => n.inputs), ...read]);
    for (const [name, { index }] of inputs)
      if (name === USE_CACHE || (name === ENCODER_STATES && !kept.has(name))) graph.replaced.set(index, []);
    for (const [name, { index }] of namedFields(graph, GRAPH.initializer)) if (!kept.has(name)) graph.replaced.set(index, []);

    // The cross-attention model: what the other branch's `present.*.encoder.*` depend on.
    const slice = crossSlice(
      graph,
      fresh,
      choice,
      cross.map((name) => freshOutputs[ifOutputs.indexOf(name)] as string),
    );
    const crossNamed = outputNames(
      fresh,
      cross.map((name) => [freshOutputs[ifOutputs.indexOf(name)] as string, name] as const),
    );
    const crossGraph: Piece[] = [
      new MessageWriter().string(GRAPH.name, 'mlhub_cross_attention').finish(),
      ...slice.mainNodes.map((n) => renamedNode(n, crossNamed.renames)),
      ...slice.branchNodes.map((n) => renamedNode(n, crossNamed.renames)),
      ...crossNamed.identities,
      ...slice.initializers.map(({ graph: g, field }) => fieldPiece(g, field, file)),
      fieldPiece(graph, statesInput.field, file),
      ...cross.map((name) => new MessageWriter().message(GRAPH.output, valueInfoMessage(name, DataType.FLOAT)).finish()),
    ];
    await model.write(crossTarget, crossGraph);
    await model.write(decoderTarget, model.encode(graph));
    return cross.length;
  });
}

/** The nodes (of the main graph, before the If, and of the branch) and initializers `outputs` depend on. */
function crossSlice(main: GraphView, fresh: GraphView, choice: NodeView, outputs: readonly string[]) {
  const [mainProducer, freshProducer] = [producers(main), producers(fresh)];
  const [mainInitializers, freshInitializers] = [namedFields(main, GRAPH.initializer), namedFields(fresh, GRAPH.initializer)];
  const mainNodes = new Set<NodeView>();
  const branchNodes = new Set<NodeView>();
  const initializers = new Map<string, { graph: GraphView; field: Field }>();
  const seen = new Set<string>();
  const visit = (name: string): void => {
    if (name === '' || seen.has(name)) return;
    seen.add(name);
    const inBranch = freshProducer.get(name);
    if (inBranch) {
      branchNodes.add(inBranch);
      inBranch.inputs.forEach(visit);
      return;
    }
    const own = freshInitializers.get(name);
    if (own) return void initializers.set(name, { graph: fresh, field: own.field });
    const outer = mainProducer.get(name);
    if (outer) {
      if (outer === choice) throw new Error('the cross-attention keys and values read the If itself');
      mainNodes.add(outer);
      outer.inputs.forEach(visit);
      return;
    }
    const weight = mainInitializers.get(name);
    if (weight) return void initializers.set(name, { graph: main, field: weight.field });
    if (name !== ENCODER_STATES) throw new Error(`the cross-attention keys and values read ${name}, not only ${ENCODER_STATES}`);
  };
  outputs.forEach(visit);
  return {
    mainNodes: main.nodes.filter((n) => mainNodes.has(n)),
    branchNodes: fresh.nodes.filter((n) => branchNodes.has(n)),
    initializers: [...initializers.values()],
  };
}
