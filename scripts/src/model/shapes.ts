// The shapes the generator writes. `flan-t5-small` is google/flan-t5-small's config.json field for field
// (../shared/data/flan-t5/flan-t5-small/config.json, revision 0fc9ddf7); `tiny` is the same architecture
// scaled down so a test writes it in milliseconds, yet still exercises what a bug would hide in: relative
// buckets past the exact range and past max_distance at short lengths, several layers sharing the first layer's
// bias, encoder and decoder of different depths (cache names come from num_decoder_layers), inner_dim != d_model.

export interface T5Shape {
  vocab_size: number;
  d_model: number;
  d_kv: number;
  d_ff: number;
  num_layers: number;
  num_decoder_layers: number;
  num_heads: number;
  relative_attention_num_buckets: number;
  relative_attention_max_distance: number;
  layer_norm_epsilon: number;
  /** `<extra_id_N>` sentinel tokens at the top of the tokenizer. */
  extra_ids: number;
}

export const SHAPES = {
  'flan-t5-small': {
    vocab_size: 32128,
    d_model: 512,
    d_kv: 64,
    d_ff: 1024,
    num_layers: 8,
    num_decoder_layers: 8,
    num_heads: 6,
    relative_attention_num_buckets: 32,
    relative_attention_max_distance: 128,
    layer_norm_epsilon: 1e-6,
    extra_ids: 100,
  },
  tiny: {
    vocab_size: 512,
    d_model: 48,
    d_kv: 16,
    d_ff: 96,
    num_layers: 2,
    num_decoder_layers: 3,
    num_heads: 4,
    relative_attention_num_buckets: 8,
    relative_attention_max_distance: 12,
    layer_norm_epsilon: 1e-6,
    extra_ids: 10,
  },
} as const satisfies Record<string, T5Shape>;

export type ShapeName = keyof typeof SHAPES;

export function isShapeName(name: string): name is ShapeName {
  return Object.hasOwn(SHAPES, name);
}

/** config.json as Hugging Face writes it for google/flan-t5-small, with this shape's sizes. */
export function t5Config(shape: T5Shape): Record<string, unknown> {
  return {
    architectures: ['T5ForConditionalGeneration'],
    d_ff: shape.d_ff,
    d_kv: shape.d_kv,
    d_model: shape.d_model,
    decoder_start_token_id: 0,
    dropout_rate: 0.1,
    eos_token_id: 1,
    feed_forward_proj: 'gated-gelu',
    initializer_factor: 1.0,
    is_encoder_decoder: true,
    layer_norm_epsilon: shape.layer_norm_epsilon,
    model_type: 't5',
    n_positions: 512,
    num_decoder_layers: shape.num_decoder_layers,
    num_heads: shape.num_heads,
    num_layers: shape.num_layers,
    output_past: true,
    pad_token_id: 0,
    relative_attention_max_distance: shape.relative_attention_max_distance,
    relative_attention_num_buckets: shape.relative_attention_num_buckets,
    task_specific_params: {
      summarization: {
        early_stopping: true,
        length_penalty: 2.0,
        max_length: 200,
        min_length: 30,
        no_repeat_ngram_size: 3,
        num_beams: 4,
        prefix: 'summarize: ',
      },
      translation_en_to_de: { early_stopping: true, max_length: 300, num_beams: 4, prefix: 'translate English to German: ' },
      translation_en_to_fr: { early_stopping: true, max_length: 300, num_beams: 4, prefix: 'translate English to French: ' },
      translation_en_to_ro: { early_stopping: true, max_length: 300, num_beams: 4, prefix: 'translate English to Romanian: ' },
    },
    tie_word_embeddings: false,
    transformers_version: '4.23.1',
    use_cache: true,
    vocab_size: shape.vocab_size,
  };
}
