// The greedy choice of each row inside the decoder: the argmax of the logits and its log-probability, as two
// small outputs. Choosing in JavaScript read every 32,128-token row twice (the argmax, then log-sum-exp with a
// table exp): 155-162 us a row, 1.3 ms of a q8 flan-t5-small step at batch 8. ONNX Runtime's LogSoftmax is
// vectorized. The logits are still returned whole: sampling, a repetition penalty and a suppressed `</s>` that
// won the argmax choose from them in JavaScript (sampling.ts), and the load-time check compares both ways.
//
// Built from ops whose axis is an attribute in every opset (LogSoftmax, ArgMax, GatherElements), so the nodes
// fit any exporter's opset; the logits are `[batch, sequence, vocab]`, so the axis is 2 (no negative varints).
import { DataType, GRAPH, intAttribute, nodeMessage, valueInfoMessage } from './onnx-proto.js';
import { type GraphView, nodeField, valueNames } from './graph-view.js';
import { MessageWriter } from './protobuf.js';

/** `[batch, sequence, 1]` int64: each position's most likely token. */
export const GREEDY_TOKEN = 'mlhub_greedy_token';
/** `[batch, sequence, 1]` float32: that token's log-probability under the position's softmax. */
export const GREEDY_LOGPROB = 'mlhub_greedy_logprob';
const LOG_PROBS = 'mlhub_greedy/log_probs';
const VOCAB_AXIS = 2;

/** Adds the two outputs after `logits`; 0 when the graph has no `logits` output or has them already, else 2. */
export function addGreedyChoice(graph: GraphView): number {
  const outputs = valueNames(graph, GRAPH.output);
  if (!outputs.includes('logits') || outputs.includes(GREEDY_TOKEN)) return 0;
  const axis = intAttribute('axis', VOCAB_AXIS);
  const node = (op: string, inputs: string[], output: string, attributes: MessageWriter[]) => {
    const message = nodeMessage(op, inputs, [output], `${output}_node`);
    for (const attribute of attributes) message.message(5, attribute);
    return nodeField(message);
  };
  graph.appended.push(
    node('LogSoftmax', ['logits'], LOG_PROBS, [axis]),
    node('ArgMax', ['logits'], GREEDY_TOKEN, [axis, intAttribute('keepdims', 1)]),
    node('GatherElements', [LOG_PROBS, GREEDY_TOKEN], GREEDY_LOGPROB, [axis]),
    new MessageWriter().message(GRAPH.output, valueInfoMessage(GREEDY_TOKEN, DataType.INT64)).finish(),
    new MessageWriter().message(GRAPH.output, valueInfoMessage(GREEDY_LOGPROB, DataType.FLOAT)).finish(),
  );
  return 2;
}
