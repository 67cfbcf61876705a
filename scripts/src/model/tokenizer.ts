// A T5-style tokenizer of exactly vocab_size ids: <pad> 0, </s> 1, <unk> 2, the English pieces (pieces.tsv) by
// decreasing score, and <extra_id_{E-1}> ... <extra_id_0> at the top as in T5's vocabulary. Scores are natural log
// frequencies, as a Unigram model's are. Its size equals vocab_size because an id past the tokenizer decodes to ""
// silently in transformers.js (the real flan-t5 tokenizer has 32,100 ids for 32,128 logits).
import { METASPACE, readPieces, type Piece } from './pieces.js';
import type { T5Shape } from './shapes.js';

const SPECIALS = ['<pad>', '</s>', '<unk>'] as const;

function extraIds(shape: T5Shape): string[] {
  return Array.from({ length: shape.extra_ids }, (_, index) => `<extra_id_${index}>`);
}

/** The ordinary pieces, [piece, score], most probable first. */
function vocabularyPieces(shape: T5Shape, pieces = readPieces()): [string, number][] {
  const wanted = shape.vocab_size - SPECIALS.length - shape.extra_ids - pieces.singles.length;
  if (wanted < 0 || wanted > pieces.ranked.length) throw new Error(`pieces.tsv cannot fill a vocabulary of ${shape.vocab_size}`);
  const chosen: Piece[] = [...pieces.singles, ...pieces.ranked.slice(0, wanted)];
  const total = chosen.reduce((sum, { count }) => sum + count, 0);
  return chosen
    .map(({ piece, count }): [string, number] => [piece, Math.log(count / total)])
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

function addedToken(id: number, content: string) {
  return { id, content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true };
}

export function tokenizerJson(shape: T5Shape): Record<string, unknown> {
  const pieces = vocabularyPieces(shape);
  const lowest = pieces.at(-1)?.[1] ?? 0;
  const extras = extraIds(shape).reverse();
  const vocab: [string, number][] = [
    ...SPECIALS.map((token): [string, number] => [token, 0]),
    ...pieces,
    ...extras.map((token): [string, number] => [token, 0]),
  ];
  if (vocab.length !== shape.vocab_size) throw new Error(`tokenizer has ${vocab.length} ids, the model ${shape.vocab_size}`);
  // <unk>'s score only matters when no piece covers a character; below every piece, as sentencepiece does.
  vocab[2] = ['<unk>', lowest - 10];
  const firstExtra = SPECIALS.length + pieces.length;
  const metaspace = { type: 'Metaspace', replacement: METASPACE, add_prefix_space: true, prepend_scheme: 'always', split: true };
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: [
      ...SPECIALS.map((token, id) => addedToken(id, token)),
      ...extras.map((token, index) => addedToken(firstExtra + index, token)),
    ],
    normalizer: { type: 'Sequence', normalizers: [{ type: 'NFKC' }, { type: 'Replace', pattern: { Regex: ' {2,}' }, content: ' ' }] },
    pre_tokenizer: { type: 'Sequence', pretokenizers: [{ type: 'WhitespaceSplit' }, metaspace] },
    post_processor: {
      type: 'TemplateProcessing',
      single: [{ Sequence: { id: 'A', type_id: 0 } }, { SpecialToken: { id: '</s>', type_id: 0 } }],
      pair: [
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: { id: '</s>', type_id: 0 } },
        { Sequence: { id: 'B', type_id: 0 } },
        { SpecialToken: { id: '</s>', type_id: 0 } },
      ],
      special_tokens: { '</s>': { id: '</s>', ids: [1], tokens: ['</s>'] } },
    },
    decoder: metaspace,
    model: { type: 'Unigram', unk_id: 2, vocab, byte_fallback: false },
  };
}

export function tokenizerConfig(shape: T5Shape): Record<string, unknown> {
  return {
    additional_special_tokens: extraIds(shape),
    clean_up_tokenization_spaces: true,
    eos_token: '</s>',
    extra_ids: shape.extra_ids,
    model_max_length: 512,
    pad_token: '<pad>',
    padding_side: 'right',
    tokenizer_class: 'T5Tokenizer',
    unk_token: '<unk>',
  };
}

export function specialTokensMap(shape: T5Shape): Record<string, unknown> {
  return { additional_special_tokens: extraIds(shape), eos_token: '</s>', pad_token: '<pad>', unk_token: '<unk>' };
}
