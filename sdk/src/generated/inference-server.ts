/**
 * Generated from openapi/inference-server by `npm run generate`. Do not edit: CI regenerates and fails on any diff.
 */

export interface paths {
    "/generate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Generate text
         * @description Runs the served FLAN-T5 model on `inputs` and answers the whole generated text, as TGI's
         *     `POST /generate` does. With `parameters.details`, the answer also holds the finish reason and the
         *     generated tokens with their log probabilities.
         *
         *     Works with any TGI client. (`@huggingface/inference` given `endpointUrl: "<server>"` posts to
         *     `/v1/completions` instead; see the description of this API.)
         */
        post: operations["generate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/generate_stream": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Generate text as a stream of tokens
         * @description Like `POST /generate`, but answers server-sent events (`text/event-stream`) as TGI's
         *     `POST /generate_stream` does: one `data:` event per generated token, each a TGI `StreamResponse`.
         *     `generated_text` is `null` until the last event, which carries the whole text (and `details`, when
         *     `parameters.details` is true). The stream then ends; there is no `[DONE]` event.
         *
         *     Errors found before the first event (authentication, validation, overload, model not loaded) are
         *     answered with their HTTP status and a JSON `TgiError`, not as a stream. A failure after the stream
         *     started is sent as a last event whose data is a `TgiError` (`error_type: generation`), as TGI does.
         *
         *     The wire format of a whole stream:
         *
         *     ```
         *     data: {"index":1,"token":{"id":2739,"text":"Wie","logprob":-0.4107,"special":false},"generated_text":null,"details":null}
         *
         *     data: {"index":2,"token":{"id":3501,"text":" alt","logprob":-0.0213,"special":false},"generated_text":null,"details":null}
         *
         *     ...
         *
         *     data: {"index":6,"token":{"id":1,"text":"</s>","logprob":-0.0019,"special":true},"generated_text":"Wie alt sind Sie?","details":{"finish_reason":"eos_token","generated_tokens":6,"seed":null,"input_length":12}}
         *     ```
         *
         *     Works with any TGI streaming client. (`@huggingface/inference` `textGenerationStream` given
         *     `endpointUrl: "<server>"` streams from `/v1/completions` instead.)
         */
        post: operations["generateStream"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Check that the model is loaded and answers
         * @description TGI's `GET /health`: 200 with an empty body once the model is loaded and the server can generate;
         *     503 while it is still loading (a model that fails to load ends the server process, exit code 1, as TGI's
         *     launcher does). Public: no token needed.
         */
        get: operations["getHealth"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/inference": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the models this server serves (legacy)
         * @deprecated
         * @description The legacy inference server's list of what it serves, in the Tapis envelope. This server serves one
         *     model, so `result` holds one entry; `ready` says whether it has finished loading.
         */
        get: operations["listLegacyInferenceModels"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/inference/{model_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Run the served model on a prompt (legacy)
         * @deprecated
         * @description The legacy inference call: `{"prompt": "..."}` in, the generated text in a Tapis envelope out. It
         *     decodes as `POST /generate` does with default parameters (greedy, at most 100 new tokens). Use
         *     `POST /generate` or `POST /v1/completions` to choose generation parameters.
         */
        post: operations["runLegacyInference"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/info": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Describe the served model and the server's limits
         * @description TGI's `GET /info`: which model is served, from which revision, in which precision on which device,
         *     and the limits the server enforces (input and total tokens, concurrent requests, stop sequences).
         *     Answers while the model is still loading too: it reads the model's files, not the loaded model.
         */
        get: operations["getInfo"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Prometheus metrics
         * @description Prometheus text exposition format 0.0.4. Metric names follow TGI's where the meaning is the same:
         *     `tgi_request_count`, `tgi_request_success`, `tgi_request_failure` (label `err`, the `error_type`, or
         *     `aborted` for a client that went away before its answer was complete),
         *     `tgi_request_duration` (seconds), `tgi_request_input_length` and `tgi_request_generated_tokens`
         *     (tokens), `tgi_queue_size`, plus `mlhub_model_loaded` (1 once the model is loaded) and
         *     `mlhub_http_requests_total` (every request by route and status; 499 for a client that went away
         *     first). Public: no token needed.
         */
        get: operations["getMetrics"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/completions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Complete one or more prompts (OpenAI style)
         * @description OpenAI's `POST /v1/completions` for the served FLAN-T5 model, so OpenAI-compatible clients work with
         *     `<server>/v1` as base URL. `prompt` is one string or an array of strings; each prompt gets `n`
         *     choices, indexed `prompt_index * n + i` as in OpenAI.
         *
         *     With `"stream": true` the answer is server-sent events: one `data:` event per generated token of a
         *     choice, each a `CompletionChunk` whose `choices` hold that token's text, the choice's last chunk with
         *     its `finish_reason`; with `stream_options.include_usage` a last chunk with empty `choices` and the
         *     `usage`; and finally the literal event `data: [DONE]`:
         *
         *     ```
         *     data: {"id":"cmpl-5b9e1f0c","object":"text_completion","created":1795795200,"model":"google/flan-t5-small","choices":[{"text":"Wie","index":0,"logprobs":null,"finish_reason":null}]}
         *
         *     data: {"id":"cmpl-5b9e1f0c","object":"text_completion","created":1795795200,"model":"google/flan-t5-small","choices":[{"text":" alt","index":0,"logprobs":null,"finish_reason":null}]}
         *
         *     ...
         *
         *     data: {"id":"cmpl-5b9e1f0c","object":"text_completion","created":1795795200,"model":"google/flan-t5-small","choices":[{"text":"?","index":0,"logprobs":null,"finish_reason":null}]}
         *
         *     data: {"id":"cmpl-5b9e1f0c","object":"text_completion","created":1795795200,"model":"google/flan-t5-small","choices":[{"text":"","index":0,"logprobs":null,"finish_reason":"stop"}]}
         *
         *     data: [DONE]
         *     ```
         *
         *     Errors found before the first event are answered with their HTTP status and a JSON `OpenAIError`,
         *     also when streaming. A failure after the stream started is sent as an event whose data is an
         *     `OpenAIError`, followed by `data: [DONE]`.
         */
        post: operations["createCompletion"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/models": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the served model (OpenAI style)
         * @description OpenAI's `GET /v1/models`, which OpenAI-compatible clients call first to find a model id (the `openai`
         *     package's `models.list()`): a list of one, the model this server serves. It answers while the model
         *     is still loading too: the id is known from the start.
         */
        get: operations["listOpenAIModels"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/models/{model_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Describe the served model (OpenAI style)
         * @description OpenAI's `GET /v1/models/{model}` (the `openai` package's `models.retrieve(id)`) for the served model;
         *     any other id answers 404 `model_not_found`.
         */
        get: operations["retrieveOpenAIModel"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v2/health/live": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Is the server process alive
         * @description Open Inference Protocol server liveness: 200 as long as the process serves HTTP, also while the model
         *     is loading. For a Kubernetes liveness probe. Public: no token needed.
         */
        get: operations["getServerLive"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v2/health/ready": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Is the server ready to generate
         * @description Open Inference Protocol server readiness: 200 once the served model is loaded, 503 before (a model that
         *     fails to load ends the server process). For a Kubernetes readiness probe and for the hub, which waits for it before routing
         *     requests. Public: no token needed.
         */
        get: operations["getServerReady"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v2/models/{name}/ready": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Is the named model ready
         * @description Open Inference Protocol model readiness: 200 once the named model is loaded, 503 before, 404 when
         *     this server does not serve that model. Public: no token needed.
         */
        get: operations["getModelReady"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /**
         * @description OpenAI's completion.
         * @example {
         *       "id": "cmpl-5b9e1f0c",
         *       "object": "text_completion",
         *       "created": 1795795200,
         *       "model": "google/flan-t5-small",
         *       "choices": [
         *         {
         *           "text": "Wie alt sind Sie?",
         *           "index": 0,
         *           "logprobs": null,
         *           "finish_reason": "stop"
         *         }
         *       ],
         *       "usage": {
         *         "prompt_tokens": 12,
         *         "completion_tokens": 6,
         *         "total_tokens": 18
         *       }
         *     }
         */
        Completion: {
            /**
             * @description Id of this completion, `cmpl-` and a random suffix.
             * @example cmpl-5b9e1f0c
             */
            id: string;
            /** @constant */
            object: "text_completion";
            /**
             * @description Unix time (seconds) when generation started.
             * @example 1795795200
             */
            created: number;
            /**
             * @description The served model's id.
             * @example google/flan-t5-small
             */
            model: string;
            /**
             * @description The server and its version.
             * @example ml-hub-inference-server-1.0.0
             */
            system_fingerprint?: string;
            choices: components["schemas"]["CompletionChoice"][];
            usage: components["schemas"]["CompletionUsage"];
        };
        /**
         * @description One choice of a completion.
         * @example {
         *       "text": "Wie alt sind Sie?",
         *       "index": 0,
         *       "logprobs": null,
         *       "finish_reason": "stop"
         *     }
         */
        CompletionChoice: {
            /**
             * @description The generated text, special tokens removed; prefixed by the prompt when `echo` is true.
             * @example Wie alt sind Sie?
             */
            text: string;
            /**
             * @description `prompt_index * n + i`.
             * @example 0
             */
            index: number;
            /** @description Always null (`logprobs` is not supported). */
            logprobs: null;
            finish_reason: components["schemas"]["CompletionFinishReason"];
        };
        /**
         * @description One event of a streamed completion.
         * @example {
         *       "id": "cmpl-5b9e1f0c",
         *       "object": "text_completion",
         *       "created": 1795795200,
         *       "model": "google/flan-t5-small",
         *       "choices": [
         *         {
         *           "text": "Wie",
         *           "index": 0,
         *           "logprobs": null,
         *           "finish_reason": null
         *         }
         *       ]
         *     }
         */
        CompletionChunk: {
            /**
             * @description The same for every chunk of one completion.
             * @example cmpl-5b9e1f0c
             */
            id: string;
            /** @constant */
            object: "text_completion";
            /** @example 1795795200 */
            created: number;
            /** @example google/flan-t5-small */
            model: string;
            /** @example ml-hub-inference-server-1.0.0 */
            system_fingerprint?: string;
            /** @description Empty on the usage chunk. */
            choices: components["schemas"]["CompletionChunkChoice"][];
            /** @description Only on the last chunk, when `stream_options.include_usage` is true. */
            usage?: components["schemas"]["CompletionUsage"] | null;
        };
        /**
         * @description The next piece of one choice, in a streamed completion.
         * @example {
         *       "text": "Wie",
         *       "index": 0,
         *       "logprobs": null,
         *       "finish_reason": null
         *     }
         */
        CompletionChunkChoice: {
            /**
             * @description The text this token adds (empty for `</s>`).
             * @example Wie
             */
            text: string;
            /** @example 0 */
            index: number;
            logprobs: null;
            /** @description Null until the choice's last chunk. */
            finish_reason: components["schemas"]["CompletionFinishReason"] | null;
        };
        /**
         * @description `stop`: the model produced `</s>` or a stop sequence; `length`: `max_tokens` was reached.
         * @example stop
         * @enum {string}
         */
        CompletionFinishReason: "stop" | "length";
        /**
         * @description OpenAI's completion request. A parameter name not listed here, or a value this server cannot honour,
         *     is answered 422 naming the parameter; nothing is silently ignored.
         * @example {
         *       "model": "google/flan-t5-small",
         *       "prompt": "Translate English to German: How old are you?",
         *       "max_tokens": 20,
         *       "temperature": 0
         *     }
         */
        CompletionRequest: {
            /**
             * @description The served model's id (`google/flan-t5-small`), `tgi` as TGI clients send, or an `http(s)://` URL
             *     (what `@huggingface/inference` sends when it is given only `endpointUrl`); another id is answered 404
             *     (`model_not_found`). Optional: this server serves one model.
             * @example google/flan-t5-small
             */
            model?: string | null;
            /**
             * @description One prompt, or an array of prompts answered in one completion. Prompts times `n` must not exceed
             *     `max_client_batch_size` of `GET /info`, else 422. Token-id prompts are not accepted (400).
             * @example Translate English to German: How old are you?
             */
            prompt: string | string[];
            /**
             * @description **Supported.** Maximum number of tokens to generate per choice (`</s>` included). Prompt tokens
             *     plus `max_tokens` must not exceed `max_total_tokens` of `GET /info`, else 400
             *     (`context_length_exceeded`). Default 16, as in OpenAI.
             * @example 20
             */
            max_tokens?: number | null;
            /**
             * @description **Supported.** Sampling temperature, 0 to 2. `0` decodes greedily (deterministic); above 0 samples.
             *     Default 1, as in OpenAI.
             * @example 0
             */
            temperature?: number | null;
            /**
             * @description **Supported.** Nucleus sampling (with `temperature > 0`): samples only among the most probable tokens
             *     whose probabilities add up to `top_p`; the most probable token is always kept. Default 1 (no filtering).
             * @example 1
             */
            top_p?: number | null;
            /**
             * @description **Supported.** Choices per prompt. With `temperature: 0` the choices are identical, as greedy
             *     decoding is deterministic. Default 1.
             * @example 1
             */
            n?: number | null;
            /**
             * @description **Supported.** `true` answers server-sent events of `CompletionChunk`s ending with `data: [DONE]`. Default `false`.
             * @example false
             */
            stream?: boolean | null;
            /**
             * @description **Supported** with `stream` (OpenAI: given without `"stream": true` it is a 400).
             * @example {
             *       "include_usage": true
             *     }
             */
            stream_options?: {
                /** @description `true` sends one more chunk before `[DONE]`, with empty `choices` and the `usage` of the whole request. Default `false`. */
                include_usage?: boolean;
            } | null;
            /**
             * @description **Supported.** One or up to 4 stop sequences. Generation of a choice stops as soon as its text
             *     contains one of them; as in OpenAI, the stop sequence and anything after it are NOT part of the
             *     returned `text`, and `finish_reason` is `stop`.
             * @example [
             *       "."
             *     ]
             */
            stop?: string | string[] | null;
            /**
             * @description **Supported.** Seed of the sampler: with `temperature > 0`, the same seed, prompt and parameters give
             *     the same text. Greedy decoding (`temperature: 0`) is deterministic, so there it has no effect.
             * @example 42
             */
            seed?: number | null;
            /**
             * @description **Supported.** `true` prepends the prompt to each choice's `text`. Default `false`.
             * @example false
             */
            echo?: boolean | null;
            /**
             * @description **Supported** (a TGI extension). Penalizes tokens already generated; 1.0 means no penalty.
             * @example 1.03
             */
            repetition_penalty?: number | null;
            /**
             * @description **Supported.** An end-user id, written to the server log with the request; it does not change the answer.
             * @example jdoe
             */
            user?: string;
            /**
             * @description **Supported** (a TGI extension, sent by `@huggingface/inference`). Samples only among the `top_k` most probable tokens.
             * @example 10
             */
            top_k?: number | null;
            /**
             * @description **Supported** (a TGI extension, sent by `@huggingface/inference`). When given, it decides: `false` decodes
             *     greedily whatever `temperature` says, `true` samples (at `temperature`, default 1). When absent,
             *     `temperature` decides as in OpenAI.
             * @example false
             */
            do_sample?: boolean | null;
            /**
             * @description **Supported** (a TGI extension). Keeps only the last `truncate` tokens of each prompt; must not exceed `max_input_tokens` of `GET /info`.
             * @example 512
             */
            truncate?: number | null;
            /**
             * @description **Supported** (Hugging Face transformers' name). `</s>` cannot be generated before this many tokens; must not exceed `max_tokens`.
             * @example 0
             */
            min_new_tokens?: number | null;
            /**
             * @description **Supported** (Hugging Face transformers' name). Beam search as on `POST /generate`; with more than one beam, sampling must be off (`temperature: 0` or `do_sample: false`) and `stop` unset, else 422.
             * @example 1
             */
            num_beams?: number | null;
            /**
             * @description **Supported** with `num_beams` > 1, as on `POST /generate`.
             * @example 1
             */
            length_penalty?: number | null;
            /**
             * @description **Supported** with `num_beams` > 1, as on `POST /generate`.
             * @example false
             */
            early_stopping?: boolean | null;
            /**
             * @description **Supported** (a TGI extension): the same as `echo`.
             * @example false
             */
            return_full_text?: boolean | null;
            /**
             * @description **Not supported: only `false` or null is accepted.** Use `POST /generate` for details.
             * @enum {boolean|null}
             */
            details?: false | null;
            /**
             * @description **Not supported: only `false` or null is accepted.** Watermarking is not implemented.
             * @enum {boolean|null}
             */
            watermark?: false | null;
            /** @description **Not supported: only `null` or `1.0` is accepted.** Typical decoding is not implemented. */
            typical_p?: number | null;
            /** @description **Not supported: only `null` or `0` is accepted.** */
            top_n_tokens?: number | null;
            /**
             * @description **Not supported: only `null` or `1` is accepted; any other value is answered 422 (`unsupported_value`).**
             * @example 1
             */
            best_of?: number | null;
            /**
             * @description **Not supported: only `null` or `0` is accepted; any other value is answered 422 (`unsupported_value`).** Use `POST /generate` with `details` for token log probabilities.
             * @example null
             */
            logprobs?: number | null;
            /**
             * @description **Not supported: only `null` or `0` is accepted; any other value is answered 422 (`unsupported_value`).** Use `repetition_penalty`.
             * @example 0
             */
            frequency_penalty?: number | null;
            /**
             * @description **Not supported: only `null` or `0` is accepted; any other value is answered 422 (`unsupported_value`).** Use `repetition_penalty`.
             * @example 0
             */
            presence_penalty?: number | null;
            /**
             * @description **Not supported: only `null` or `{}` is accepted; any other value is answered 422 (`unsupported_value`).**
             * @example null
             */
            logit_bias?: Record<string, never> | null;
            /**
             * @description **Not supported: only `null` is accepted; a suffix is answered 422 (`unsupported_value`).** FLAN-T5 does not insert text.
             * @example null
             */
            suffix?: null;
        };
        /**
         * @description The JSON data of one event of a streamed completion; the stream ends with the non-JSON event `data: [DONE]`.
         * @example {
         *       "id": "cmpl-5b9e1f0c",
         *       "object": "text_completion",
         *       "created": 1795795200,
         *       "model": "google/flan-t5-small",
         *       "choices": [
         *         {
         *           "text": "Wie",
         *           "index": 0,
         *           "logprobs": null,
         *           "finish_reason": null
         *         }
         *       ]
         *     }
         */
        CompletionStreamEvent: components["schemas"]["CompletionChunk"] | components["schemas"]["OpenAIError"];
        /**
         * @description Token counts of the whole request.
         * @example {
         *       "prompt_tokens": 12,
         *       "completion_tokens": 6,
         *       "total_tokens": 18
         *     }
         */
        CompletionUsage: {
            /** @example 12 */
            prompt_tokens: number;
            /** @example 6 */
            completion_tokens: number;
            /** @example 18 */
            total_tokens: number;
        };
        /**
         * @description Generation details of `POST /generate`.
         * @example {
         *       "finish_reason": "eos_token",
         *       "generated_tokens": 6,
         *       "seed": null,
         *       "prefill": [
         *         {
         *           "id": 0,
         *           "text": "<pad>",
         *           "logprob": null
         *         }
         *       ],
         *       "tokens": [
         *         {
         *           "id": 2739,
         *           "text": "Wie",
         *           "logprob": -0.4107,
         *           "special": false
         *         },
         *         {
         *           "id": 3501,
         *           "text": " alt",
         *           "logprob": -0.0213,
         *           "special": false
         *         },
         *         {
         *           "id": 436,
         *           "text": " sind",
         *           "logprob": -0.1822,
         *           "special": false
         *         },
         *         {
         *           "id": 292,
         *           "text": " Sie",
         *           "logprob": -0.0956,
         *           "special": false
         *         },
         *         {
         *           "id": 58,
         *           "text": "?",
         *           "logprob": -0.0071,
         *           "special": false
         *         },
         *         {
         *           "id": 1,
         *           "text": "</s>",
         *           "logprob": -0.0019,
         *           "special": true
         *         }
         *       ]
         *     }
         */
        Details: {
            finish_reason: components["schemas"]["FinishReason"];
            /**
             * @description Number of generated tokens, `</s>` included.
             * @example 6
             */
            generated_tokens: number;
            /**
             * @description The sampler's seed when sampling was on (the one given, or the one drawn); null for greedy decoding.
             * @example null
             */
            seed?: number | null;
            /** @description The decoder input tokens when `decoder_input_details` is true; empty otherwise. */
            prefill: components["schemas"]["PrefillToken"][];
            /** @description The generated tokens, in order. */
            tokens: components["schemas"]["Token"][];
        };
        /**
         * @description Stable machine code of a legacy error, in `metadata.code`: the hub's closed list, of which the
         *     inference server uses these.
         *
         *     | code | HTTP | meaning |
         *     | --- | --- | --- |
         *     | BAD_REQUEST | 400 | the body is not JSON, or not an object |
         *     | INVALID_PARAMETER | 400 | `prompt` is missing, empty or not a string |
         *     | UNAUTHORIZED | 401 | the Tapis token is missing or invalid; the message says why |
         *     | NOT_FOUND | 404 | this server does not serve that model |
         *     | PAYLOAD_TOO_LARGE | 413 | the request body is over its limit |
         *     | UNPROCESSABLE | 422 | a field other than `prompt`, or a prompt longer than the model takes |
         *     | RATE_LIMITED | 429 | the server already holds `max_concurrent_requests` requests; see `Retry-After` |
         *     | INTERNAL_ERROR | 500 | generation failed or a bug on our side; details are in the server log, under the request id |
         *     | SERVICE_UNAVAILABLE | 503 | the model has not finished loading; see `Retry-After` |
         *     | AUTH_UNAVAILABLE | 503 | the Tapis Tenants API could not be reached to verify the token |
         * @example UNPROCESSABLE
         * @enum {string}
         */
        ErrorCode: "BAD_REQUEST" | "INVALID_PARAMETER" | "UNAUTHORIZED" | "NOT_FOUND" | "PAYLOAD_TOO_LARGE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE" | "AUTH_UNAVAILABLE";
        /**
         * @description The Tapis envelope of every legacy error answer.
         * @example {
         *       "status": "error",
         *       "message": "Model google/flan-t5-small is still loading",
         *       "version": "1.0.0",
         *       "result": null,
         *       "metadata": {
         *         "requestId": "req-7c43",
         *         "code": "SERVICE_UNAVAILABLE"
         *       }
         *     }
         */
        ErrorEnvelope: {
            /** @constant */
            status: "error";
            /** @description A sentence for people. */
            message: string;
            /** @description The server version. */
            version: string;
            result: null;
            metadata: components["schemas"]["ErrorMetadata"];
        };
        /**
         * @description Metadata of an error envelope.
         * @example {
         *       "requestId": "req-7c41",
         *       "code": "UNPROCESSABLE",
         *       "details": {
         *         "field": "max_length"
         *       }
         *     }
         */
        ErrorMetadata: {
            /**
             * @description The id of this request, also in the `X-Request-Id` response header.
             * @example req-7c41
             */
            requestId: string;
            code: components["schemas"]["ErrorCode"];
            /** @description Machine-readable detail, such as the field at fault. */
            details?: {
                [key: string]: unknown;
            };
        };
        /**
         * @description Why generation stopped: `length`, `max_new_tokens` was reached; `eos_token`, the model produced `</s>`; `stop_sequence`, the text ends with a member of `stop`.
         * @example eos_token
         * @enum {string}
         */
        FinishReason: "length" | "eos_token" | "stop_sequence";
        /**
         * @description TGI's generation parameters. Every TGI parameter name is accepted at its neutral value (what TGI
         *     clients such as `huggingface_hub` send when the caller did not set it), so TGI clients work unchanged.
         *     A value this server cannot honour, and any parameter name not listed here, is answered 422
         *     (`error_type: validation`) naming the parameter: nothing is silently ignored.
         *
         *     Decoding is greedy unless sampling is on or `num_beams` is over 1. As in TGI, sampling is on when
         *     `do_sample` is true, or when `temperature` (other than 1.0), `top_k` or `top_p` (below 1.0) is set.
         *     Parameters marked `x-unsupported` accept only their neutral value.
         * @example {
         *       "max_new_tokens": 20,
         *       "do_sample": false,
         *       "repetition_penalty": 1.03,
         *       "stop": [
         *         "."
         *       ],
         *       "details": true
         *     }
         */
        GenerateParameters: {
            /**
             * @description **Supported.** Maximum number of tokens to generate (the `</s>` end token included). Generation
             *     stops earlier at `</s>` or a `stop` sequence. Input tokens plus `max_new_tokens` must not exceed
             *     `max_total_tokens` of `GET /info`, else 422. Default 100.
             * @example 20
             */
            max_new_tokens?: number | null;
            /**
             * @description **Supported.** Divides the logits before sampling; lower is more deterministic. A value other than
             *     1.0 turns sampling on (as in TGI). Must be > 0; for greedy decoding leave it unset.
             * @example 0.7
             */
            temperature?: number | null;
            /**
             * @description **Supported.** Samples only among the `top_k` most probable tokens; setting it turns sampling on
             *     (as in TGI).
             * @example 10
             */
            top_k?: number | null;
            /**
             * @description **Supported.** Nucleus sampling: samples only among the most probable tokens whose probabilities add
             *     up to `top_p` (the most probable token is always kept); `1.0` or null means no filtering. Setting a
             *     value below 1.0 turns sampling on (as in TGI).
             * @example 0.95
             */
            top_p?: number | null;
            /**
             * @description **Supported.** `true` samples the next token from the (temperature-scaled, top-k filtered)
             *     distribution; `false` decodes greedily unless `temperature` or `top_k` is set. Default `false`.
             * @example false
             */
            do_sample?: boolean;
            /**
             * @description **Supported.** Penalizes tokens already generated (CTRL paper, as in TGI and transformers);
             *     1.0 means no penalty.
             * @example 1.03
             */
            repetition_penalty?: number | null;
            /**
             * @description **Supported.** Beam search with this many beams (not a TGI parameter; transformers.js takes it and
             *     would silently decode greedily, so this server runs beam search itself, as Hugging Face transformers
             *     defines it: each step keeps the `num_beams` best continuations by summed log probability, a finished
             *     hypothesis is scored by its summed log probability divided by its length (tokens generated, `</s>`
             *     included) to the power `length_penalty`). `1` or null decodes without beams. With more than one beam,
             *     sampling (`do_sample`, `temperature`, `top_k`, `top_p`) and `stop` are answered 422, and
             *     `/generate_stream` sends the best hypothesis's tokens when the search ends.
             * @example 4
             */
            num_beams?: number | null;
            /**
             * @description **Supported** with `num_beams` > 1 (not a TGI parameter; Hugging Face transformers' name and meaning):
             *     the exponent of the length that divides a finished hypothesis's summed log probability. Above 0
             *     favours longer outputs, below 0 shorter ones. Default 1.0.
             * @example 1
             */
            length_penalty?: number | null;
            /**
             * @description **Supported** with `num_beams` > 1 (Hugging Face transformers' name and meaning): `true` ends the
             *     search as soon as `num_beams` hypotheses have finished; `false` (default) ends it when no running beam
             *     can still beat the worst finished hypothesis.
             * @example false
             */
            early_stopping?: boolean | null;
            /**
             * @description **Supported** (not a TGI parameter; Hugging Face transformers' name and meaning): `</s>` cannot be
             *     generated before this many tokens. Must not exceed `max_new_tokens`. Default 0.
             * @example 0
             */
            min_new_tokens?: number | null;
            /**
             * @description **Not supported: only `null` or `1` is accepted; any other value is answered 422.** TGI's
             *     best-of-n sampling is not implemented, so `details.best_of_sequences` is never returned.
             * @example 1
             */
            best_of?: number | null;
            /**
             * @description **Supported.** Up to 4 stop sequences. Generation stops as soon as the generated text contains
             *     one of them, and the text is cut right after it (a stop sequence may end inside a token); as in TGI,
             *     the stop sequence is kept in `generated_text` and `finish_reason` is `stop_sequence`.
             * @example [
             *       "."
             *     ]
             */
            stop?: string[];
            /**
             * @description **Supported.** Seed of the sampler: with sampling on, the same seed, inputs and parameters give
             *     the same text. Without a seed, a random one is drawn and reported in `details.seed`. Greedy
             *     decoding is deterministic, so there the seed has no effect.
             * @example 42
             */
            seed?: number | null;
            /**
             * @description **Supported.** `true` adds `details` (finish reason, token count, tokens with log probabilities,
             *     seed) to the answer of `/generate` and to the last event of `/generate_stream`. Default `false`.
             * @example true
             */
            details?: boolean;
            /**
             * @description **Supported** (with `details`). `true` fills `details.prefill` with the decoder input tokens: for
             *     FLAN-T5 that is the decoder start token `<pad>` (id 0), whose log probability is `null`. `false`
             *     leaves `details.prefill` empty. Default `false`.
             * @example false
             */
            decoder_input_details?: boolean;
            /**
             * @description **Supported.** `true` prepends `inputs` to `generated_text` (FLAN-T5 does not echo its input, so
             *     by default (`false`) only the generated text is returned).
             * @example false
             */
            return_full_text?: boolean | null;
            /**
             * @description **Supported.** Keeps only the last `truncate` tokens of the input (TGI truncates on the left).
             *     Must not exceed `max_input_tokens` of `GET /info`, else 422. Without it, an input longer than
             *     `max_input_tokens` is answered 422.
             * @example 512
             */
            truncate?: number | null;
            /**
             * @description **Not supported: only `null` or `1.0` is accepted; any other value is answered 422.** Typical decoding is not implemented.
             * @example 1
             */
            typical_p?: number | null;
            /**
             * @description **Not supported: only `null` or `0` is accepted; any other value is answered 422.** Use `repetition_penalty`.
             * @example 0
             */
            frequency_penalty?: number | null;
            /**
             * @description **Not supported: only `null` or `0` is accepted; any other value is answered 422.** Alternative tokens (`details.top_tokens`) are not returned.
             * @example 0
             */
            top_n_tokens?: number | null;
            /**
             * @description **Not supported: only `false` is accepted; `true` is answered 422.** Watermarking is not implemented.
             * @example false
             * @enum {boolean}
             */
            watermark?: false;
            /** @description **Not supported: only `null` is accepted; a grammar is answered 422.** Constrained decoding is not implemented. */
            grammar?: null;
            /** @description **Not supported: only `null` is accepted; an adapter id is answered 422.** LoRA adapters are not implemented. */
            adapter_id?: null;
        };
        /**
         * @description TGI's generate request. Unknown top-level fields are answered 422.
         * @example {
         *       "inputs": "Translate English to German: How old are you?",
         *       "parameters": {
         *         "max_new_tokens": 20
         *       }
         *     }
         */
        GenerateRequest: {
            /**
             * @description The prompt. FLAN-T5 takes instructions such as `Translate English to German: ...`.
             * @example Translate English to German: How old are you?
             */
            inputs: string;
            parameters?: components["schemas"]["GenerateParameters"];
            /**
             * @description Accepted for TGI clients that send it; only `false` here (use `POST /generate_stream` to stream), `true` is answered 422.
             * @enum {boolean}
             */
            stream?: false;
        };
        /**
         * @description TGI's generate answer.
         * @example {
         *       "generated_text": "Wie alt sind Sie?"
         *     }
         */
        GenerateResponse: {
            /**
             * @description The generated text, special tokens removed; prefixed by `inputs` when `return_full_text` is true.
             * @example Wie alt sind Sie?
             */
            generated_text: string;
            /** @description Present when `parameters.details` is true. */
            details?: components["schemas"]["Details"] | null;
        };
        /**
         * @description The data of one event of `POST /generate_stream`. A `TgiError` is always the last event.
         * @example {
         *       "index": 1,
         *       "token": {
         *         "id": 2739,
         *         "text": "Wie",
         *         "logprob": -0.4107,
         *         "special": false
         *       },
         *       "generated_text": null,
         *       "details": null
         *     }
         */
        GenerateStreamEvent: components["schemas"]["StreamResponse"] | components["schemas"]["TgiError"];
        /**
         * @description TGI's generate request, for `POST /generate_stream`. Unknown top-level fields are answered 422.
         * @example {
         *       "inputs": "Translate English to German: How old are you?",
         *       "stream": true
         *     }
         */
        GenerateStreamRequest: {
            /**
             * @description The prompt. FLAN-T5 takes instructions such as `Translate English to German: ...`.
             * @example Translate English to German: How old are you?
             */
            inputs: string;
            parameters?: components["schemas"]["GenerateParameters"];
            /**
             * @description Accepted because `@huggingface/inference` `textGenerationStream` sends `true`; `false` is answered 422 (use `POST /generate`).
             * @enum {boolean}
             */
            stream?: true;
        };
        /**
         * @description TGI's server info, for the one served model.
         * @example {
         *       "model_id": "google/flan-t5-small",
         *       "model_sha": "0fc9ddf78a1e988dac52e2dac162b0ede4fd74ab",
         *       "model_dtype": "fp32",
         *       "model_device_type": "cpu",
         *       "model_pipeline_tag": "text-generation",
         *       "max_concurrent_requests": 16,
         *       "max_best_of": 1,
         *       "max_stop_sequences": 4,
         *       "max_input_tokens": 512,
         *       "max_total_tokens": 1024,
         *       "max_client_batch_size": 4,
         *       "validation_workers": 1,
         *       "router": "ml-hub-inference-server",
         *       "version": "1.0.0",
         *       "sha": null,
         *       "docker_label": null
         *     }
         */
        Info: {
            /**
             * @description The served model's id.
             * @example google/flan-t5-small
             */
            model_id: string;
            /**
             * @description What the served files are, read at start. The commit (40 hex digits) the model was pulled from, as the model store records it (`sha` of the folder's `.mlhub.json`, which `POST /v3/mlhub/inference/pulls` writes); for a folder without one, the sha256 (64 hex digits) of its `config.json` and its file list with sizes, which changes when the files do. `null` only when the folder cannot be read.
             * @example 0fc9ddf78a1e988dac52e2dac162b0ede4fd74ab
             */
            model_sha: string | null;
            /**
             * @description Precision of the ONNX weights transformers.js runs (`fp32`, or `q8` for `*_quantized.onnx`).
             * @example fp32
             * @enum {string}
             */
            model_dtype: "fp32" | "fp16" | "q8" | "int8" | "uint8" | "q4" | "bnb4" | "q4f16";
            /**
             * @description Where the model runs.
             * @example cpu
             * @enum {string}
             */
            model_device_type: "cpu" | "cuda" | "webgpu" | "dml" | "coreml";
            /**
             * @description Hugging Face pipeline tag of the model; FLAN-T5 repositories are tagged `text-generation` (text-to-text is a subtask of it).
             * @example text-generation
             */
            model_pipeline_tag: string | null;
            /**
             * @description Requests the server holds at once (running and queued); one more is answered 429.
             * @example 16
             */
            max_concurrent_requests: number;
            /**
             * @description Largest `best_of` accepted; always 1 (best-of-n is not implemented).
             * @example 1
             */
            max_best_of: number;
            /**
             * @description Most `stop` sequences accepted.
             * @example 4
             */
            max_stop_sequences: number;
            /**
             * @description Most input tokens accepted (after `truncate`); FLAN-T5 was trained on 512.
             * @example 512
             */
            max_input_tokens: number;
            /**
             * @description Most input plus new tokens of one request.
             * @example 1024
             */
            max_total_tokens: number;
            /**
             * @description Most prompts in one `POST /v1/completions` request (times `n`).
             * @example 4
             */
            max_client_batch_size: number;
            /**
             * @description Most decoder rows in flight at once over every request decoding (`MLHUB_INFERENCE_MAX_BATCH_SIZE`; a beam-search request takes `num_beams`). TGI reports it when it is configured.
             * @example 8
             */
            max_batch_size?: number | null;
            /**
             * @description Decoder steps a request that arrives while others decode waits at most before it starts beside them (`MLHUB_INFERENCE_MAX_WAITING_TOKENS`, TGI's `--max-waiting-tokens`); it starts sooner when it can catch up with them.
             * @example 50
             */
            max_waiting_tokens?: number;
            /**
             * @description Tokenizer workers validating requests.
             * @example 1
             */
            validation_workers: number;
            /**
             * @description The server's name (TGI answers `text-generation-router`).
             * @example ml-hub-inference-server
             */
            router: string;
            /**
             * @description The server's version.
             * @example 1.0.0
             */
            version: string;
            /**
             * @description The commit of the server's source, when known.
             * @example null
             */
            sha?: string | null;
            /**
             * @description The container image label, when running in a container.
             * @example null
             */
            docker_label?: string | null;
        };
        /**
         * @description Tapis envelope of a legacy inference answer.
         * @example {
         *       "status": "success",
         *       "message": "Inference complete",
         *       "version": "1.0.0",
         *       "result": {
         *         "model_id": "google/flan-t5-small",
         *         "generated_text": "Wie alt sind Sie?"
         *       },
         *       "metadata": {
         *         "requestId": "req-7c42"
         *       }
         *     }
         */
        LegacyInferenceEnvelope: {
            /** @constant */
            status: "success";
            /** @example Inference complete */
            message: string;
            /**
             * @description The server version.
             * @example 1.0.0
             */
            version: string;
            result: components["schemas"]["LegacyInferenceResult"];
            metadata: components["schemas"]["Metadata"];
        };
        /**
         * @description The legacy inference request. Any other field is answered 422, never ignored.
         * @example {
         *       "prompt": "Translate English to German: How old are you?"
         *     }
         */
        LegacyInferenceRequest: {
            /**
             * @description The prompt. FLAN-T5 takes instructions such as `Translate English to German: ...`.
             * @example Translate English to German: How old are you?
             */
            prompt: string;
        };
        /**
         * @description The generated text of a legacy inference call.
         * @example {
         *       "model_id": "google/flan-t5-small",
         *       "generated_text": "Wie alt sind Sie?"
         *     }
         */
        LegacyInferenceResult: {
            /**
             * @description The served model's id.
             * @example google/flan-t5-small
             */
            model_id: string;
            /**
             * @description The generated text, special tokens removed.
             * @example Wie alt sind Sie?
             */
            generated_text: string;
        };
        /**
         * @description Tapis envelope of the served-model list.
         * @example {
         *       "status": "success",
         *       "message": "Served models",
         *       "version": "1.0.0",
         *       "result": [
         *         {
         *           "model_id": "google/flan-t5-small",
         *           "task": "text2text-generation",
         *           "ready": true,
         *           "inference_path": "/inference/google%2Fflan-t5-small"
         *         }
         *       ],
         *       "metadata": {
         *         "requestId": "req-7c41"
         *       }
         *     }
         */
        LegacyModelListEnvelope: {
            /** @constant */
            status: "success";
            /** @example Served models */
            message: string;
            /** @example 1.0.0 */
            version: string;
            result: components["schemas"]["LegacyServedModel"][];
            metadata: components["schemas"]["Metadata"];
        };
        /**
         * @description One model this server serves.
         * @example {
         *       "model_id": "google/flan-t5-small",
         *       "task": "text2text-generation",
         *       "ready": true,
         *       "inference_path": "/inference/google%2Fflan-t5-small"
         *     }
         */
        LegacyServedModel: {
            /** @example google/flan-t5-small */
            model_id: string;
            /**
             * @description The task the model is served for.
             * @constant
             */
            task: "text2text-generation";
            /**
             * @description Whether the model has finished loading.
             * @example true
             */
            ready: boolean;
            /**
             * @description The path to POST a `{"prompt"}` to, the id percent-encoded.
             * @example /inference/google%2Fflan-t5-small
             */
            inference_path: string;
        };
        /**
         * @description Metadata every envelope carries.
         * @example {
         *       "requestId": "req-7c41"
         *     }
         */
        Metadata: {
            /**
             * @description The id of this request, also in the `X-Request-Id` response header.
             * @example req-7c41
             */
            requestId: string;
        };
        /**
         * @description OpenAI's list of models: here the one served model.
         * @example {
         *       "object": "list",
         *       "data": [
         *         {
         *           "id": "google/flan-t5-small",
         *           "object": "model",
         *           "created": 1795795200,
         *           "owned_by": "google"
         *         }
         *       ]
         *     }
         */
        ModelList: {
            /** @constant */
            object: "list";
            data: components["schemas"]["OpenAIModel"][];
        };
        /**
         * @description Open Inference Protocol `model_ready_response`.
         * @example {
         *       "name": "google/flan-t5-small",
         *       "ready": true
         *     }
         */
        ModelReadyResponse: {
            /**
             * @description The served model's id.
             * @example google/flan-t5-small
             */
            name: string;
            /** @example true */
            ready: boolean;
        };
        /**
         * @description Open Inference Protocol error body.
         * @example {
         *       "error": "Model google/flan-t5-small is still loading"
         *     }
         */
        OipError: {
            /** @description A sentence for people. */
            error: string;
        };
        /**
         * @description OpenAI's error body.
         * @example {
         *       "error": {
         *         "message": "Unsupported value: 'top_p' must be 1; this server does not implement nucleus sampling",
         *         "type": "invalid_request_error",
         *         "param": "top_p",
         *         "code": "unsupported_value"
         *       }
         *     }
         */
        OpenAIError: {
            error: {
                /** @description A sentence for people. */
                message: string;
                /**
                 * @description `invalid_request_error` (400, 404, 405, 413, 422), `authentication_error` (401),
                 *     `rate_limit_error` (429), `server_error` (500), `service_unavailable_error` (503).
                 * @enum {string}
                 */
                type: "invalid_request_error" | "authentication_error" | "rate_limit_error" | "server_error" | "service_unavailable_error";
                /** @description The request parameter at fault, when there is one. */
                param: string | null;
                /**
                 * @description A stable code, when there is one: `invalid_json`, `invalid_value`, `context_length_exceeded`
                 *     (400: a prompt over the model's input limit, or prompt plus `max_tokens` over its total); `invalid_api_key` (401);
                 *     `model_not_found` (404; a path this server does not serve under `/v1` answers 404 with no code);
                 *     `method_not_allowed` (405); `payload_too_large` (413);
                 *     `unsupported_parameter`, `unsupported_value` (422); `overloaded` (429); `model_not_ready`, `auth_unavailable` (503).
                 */
                code: string | null;
            };
        };
        /**
         * @description The body of an error answer on an OpenAI route: OpenAI's `OpenAIError`; for a request whose
         *     `User-Agent` starts with `@huggingface/inference/`, TGI's `TgiError` with the same message, because
         *     that client (4.x) reads only a string `error` from an answer that is not a stream and would tell its
         *     user "[object Object]" or "an HTTP error occurred" instead of the reason. The status is the same.
         */
        OpenAIErrorAnswer: components["schemas"]["OpenAIError"] | components["schemas"]["TgiError"];
        /**
         * @description One model, in OpenAI's shape.
         * @example {
         *       "id": "google/flan-t5-small",
         *       "object": "model",
         *       "created": 1795795200,
         *       "owned_by": "google"
         *     }
         */
        OpenAIModel: {
            /** @description The served model id, as `model` in a completion request takes it. */
            id: string;
            /** @constant */
            object: "model";
            /** @description When this server started serving it (Unix seconds). */
            created: number;
            /** @description The owner part of the id (`google` for `google/flan-t5-small`; the whole id when it has no owner). */
            owned_by: string;
        };
        /**
         * @description One decoder input token (TGI's prefill).
         * @example {
         *       "id": 0,
         *       "text": "<pad>",
         *       "logprob": null
         *     }
         */
        PrefillToken: {
            /** @example 0 */
            id: number;
            /** @example <pad> */
            text: string;
            /**
             * @description Null for the first token, which nothing predicts.
             * @example null
             */
            logprob: number | null;
        };
        /**
         * @description Open Inference Protocol `server_live_response`.
         * @example {
         *       "live": true
         *     }
         */
        ServerLiveResponse: {
            /** @example true */
            live: boolean;
        };
        /**
         * @description Open Inference Protocol `server_ready_response`.
         * @example {
         *       "ready": true
         *     }
         */
        ServerReadyResponse: {
            /** @example true */
            ready: boolean;
        };
        /**
         * @description Generation details, on the last event of `POST /generate_stream`.
         * @example {
         *       "finish_reason": "eos_token",
         *       "generated_tokens": 6,
         *       "seed": null,
         *       "input_length": 12
         *     }
         */
        StreamDetails: {
            finish_reason: components["schemas"]["FinishReason"];
            /** @example 6 */
            generated_tokens: number;
            /**
             * @description Number of input tokens after truncation, `</s>` included.
             * @example 12
             */
            input_length: number;
            /**
             * @description The sampler's seed when sampling was on; null for greedy decoding.
             * @example null
             */
            seed?: number | null;
        };
        /**
         * @description TGI's stream event, one per generated token.
         * @example {
         *       "index": 1,
         *       "token": {
         *         "id": 2739,
         *         "text": "Wie",
         *         "logprob": -0.4107,
         *         "special": false
         *       },
         *       "generated_text": null,
         *       "details": null
         *     }
         */
        StreamResponse: {
            /**
             * @description 1-based position of the token in the output.
             * @example 1
             */
            index: number;
            token: components["schemas"]["Token"];
            /**
             * @description Null until the last event, which holds the whole generated text.
             * @example null
             */
            generated_text: string | null;
            /** @description Null except on the last event when `parameters.details` is true. */
            details: components["schemas"]["StreamDetails"] | null;
        };
        /**
         * @description TGI's error body.
         * @example {
         *       "error": "Input validation error: `top_p` must be 1.0 or null: this server does not implement nucleus sampling",
         *       "error_type": "validation"
         *     }
         */
        TgiError: {
            /** @description A sentence for people; for `validation`, it names the parameter and the allowed values. */
            error: string;
            error_type: components["schemas"]["TgiErrorType"];
        };
        /**
         * @description Machine code of a TGI-style error. TGI's own values come first; the others name the failures TGI does
         *     not have (authentication, body limits, a model still loading).
         *
         *     | error_type | HTTP | meaning |
         *     | --- | --- | --- |
         *     | validation | 422 | a parameter is out of range, unknown, or has a value this backend cannot honour; the input is too long |
         *     | overloaded | 429 | the server already holds `max_concurrent_requests` requests (`GET /info`) |
         *     | generation | 500 | generation failed after it started (also sent as the last event of a stream) |
         *     | incomplete_generation | 500 | generation stopped without producing its last token |
         *     | healthcheck | 503 | `GET /health`: the model is not loaded |
         *     | bad_request | 400 | the body is not JSON, or not an object of the documented shape |
         *     | unauthorized | 401 | the Tapis token is missing or invalid |
         *     | payload_too_large | 413 | the body is over the server's limit |
         *     | not_found | 404 | no operation at that path (an OpenAI route's error for `@huggingface/inference`, see `OpenAIErrorAnswer`) |
         *     | not_ready | 503 | the model has not finished loading |
         *     | auth_unavailable | 503 | the Tapis Tenants API could not be reached to verify the token |
         *     | internal | 500 | a bug on our side; the detail is in the server log, under the request id |
         * @enum {string}
         */
        TgiErrorType: "validation" | "overloaded" | "generation" | "incomplete_generation" | "healthcheck" | "bad_request" | "unauthorized" | "payload_too_large" | "not_found" | "not_ready" | "auth_unavailable" | "internal";
        /**
         * @description One generated token.
         * @example {
         *       "id": 2739,
         *       "text": "Wie",
         *       "logprob": -0.4107,
         *       "special": false
         *     }
         */
        Token: {
            /**
             * @description Token id in the model's vocabulary.
             * @example 2739
             */
            id: number;
            /**
             * @description The text this token adds to the output (a leading space for a word-initial piece).
             * @example Wie
             */
            text: string;
            /**
             * @description Natural log of the token's probability under the (temperature-scaled) distribution it was chosen from.
             * @example -0.4107
             */
            logprob: number | null;
            /**
             * @description True for special tokens such as `</s>`, which are not part of `generated_text`.
             * @example false
             */
            special: boolean;
        };
    };
    responses: {
        /** @description The Tapis Tenants API cannot be reached to verify the token (`AUTH_UNAVAILABLE`). Retry after `Retry-After` seconds. */
        LegacyAuthUnavailable: {
            headers: {
                "Retry-After": components["headers"]["RetryAfter"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "status": "error",
                 *       "message": "Cannot verify the Tapis token: the Tenants API is unavailable",
                 *       "version": "1.0.0",
                 *       "result": null,
                 *       "metadata": {
                 *         "requestId": "req-7c4b",
                 *         "code": "AUTH_UNAVAILABLE"
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["ErrorEnvelope"];
            };
        };
        /** @description The body is not JSON, or `prompt` is missing, empty or not a string (`BAD_REQUEST`, `INVALID_PARAMETER`). */
        LegacyBadRequest: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "status": "error",
                 *       "message": "Invalid parameter 'prompt': must be a non-empty string",
                 *       "version": "1.0.0",
                 *       "result": null,
                 *       "metadata": {
                 *         "requestId": "req-7c44",
                 *         "code": "INVALID_PARAMETER",
                 *         "details": {
                 *           "field": "prompt"
                 *         }
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["ErrorEnvelope"];
            };
        };
        /** @description Generation failed, or a bug on our side. The detail is logged under the request id, not returned. */
        LegacyInternalError: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "status": "error",
                 *       "message": "Request failed during generation",
                 *       "version": "1.0.0",
                 *       "result": null,
                 *       "metadata": {
                 *         "requestId": "req-7c4a",
                 *         "code": "INTERNAL_ERROR"
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["ErrorEnvelope"];
            };
        };
        /** @description This server does not serve that model. */
        LegacyNotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "status": "error",
                 *       "message": "Model 'gpt2' is not served here; this server serves 'google/flan-t5-small'",
                 *       "version": "1.0.0",
                 *       "result": null,
                 *       "metadata": {
                 *         "requestId": "req-7c46",
                 *         "code": "NOT_FOUND"
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["ErrorEnvelope"];
            };
        };
        /** @description The model has not finished loading (`SERVICE_UNAVAILABLE`), or the Tenants API cannot be reached to verify the token (`AUTH_UNAVAILABLE`). */
        LegacyNotReady: {
            headers: {
                "Retry-After": components["headers"]["RetryAfter"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "status": "error",
                 *       "message": "Model google/flan-t5-small is still loading",
                 *       "version": "1.0.0",
                 *       "result": null,
                 *       "metadata": {
                 *         "requestId": "req-7c43",
                 *         "code": "SERVICE_UNAVAILABLE"
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["ErrorEnvelope"];
            };
        };
        /** @description The server already holds `max_concurrent_requests` requests. Retry later. */
        LegacyOverloaded: {
            headers: {
                "Retry-After": components["headers"]["RetryAfter"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "status": "error",
                 *       "message": "Model is overloaded, retry in 5 seconds",
                 *       "version": "1.0.0",
                 *       "result": null,
                 *       "metadata": {
                 *         "requestId": "req-7c49",
                 *         "code": "RATE_LIMITED"
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["ErrorEnvelope"];
            };
        };
        /** @description The request body is over its limit. */
        LegacyPayloadTooLarge: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "status": "error",
                 *       "message": "Request body is larger than 1048576 bytes",
                 *       "version": "1.0.0",
                 *       "result": null,
                 *       "metadata": {
                 *         "requestId": "req-7c47",
                 *         "code": "PAYLOAD_TOO_LARGE"
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["ErrorEnvelope"];
            };
        };
        /** @description The Tapis token is missing or invalid. */
        LegacyUnauthorized: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "status": "error",
                 *       "message": "Invalid Tapis token: expired",
                 *       "version": "1.0.0",
                 *       "result": null,
                 *       "metadata": {
                 *         "requestId": "req-7c45",
                 *         "code": "UNAUTHORIZED"
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["ErrorEnvelope"];
            };
        };
        /** @description A field other than `prompt` (the legacy API takes no generation parameters), or a prompt longer than the model takes. */
        LegacyUnprocessable: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "status": "error",
                 *       "message": "Unknown field 'max_length': the legacy API takes only 'prompt'; use POST /generate for generation parameters",
                 *       "version": "1.0.0",
                 *       "result": null,
                 *       "metadata": {
                 *         "requestId": "req-7c48",
                 *         "code": "UNPROCESSABLE",
                 *         "details": {
                 *           "field": "max_length"
                 *         }
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["ErrorEnvelope"];
            };
        };
        /** @description The model is still loading. */
        OipNotReady: {
            headers: {
                "Retry-After": components["headers"]["RetryAfter"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "error": "Model google/flan-t5-small is still loading"
                 *     }
                 */
                "application/json": components["schemas"]["OipError"];
            };
        };
        /**
         * @description The body is not JSON, a field has the wrong type or is outside OpenAI's range, or the prompt (alone,
         *     or with `max_tokens`) is longer than the model takes (`context_length_exceeded`, unless `truncate`
         *     keeps only the prompt's last tokens).
         */
        OpenAIBadRequest: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "error": {
                 *         "message": "This model takes at most 1024 tokens; the prompt has 1010 and max_tokens asks for 20 more",
                 *         "type": "invalid_request_error",
                 *         "param": "max_tokens",
                 *         "code": "context_length_exceeded"
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["OpenAIErrorAnswer"];
            };
        };
        /** @description Generation failed, or a bug on our side. The detail is logged, not returned. */
        OpenAIInternalError: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "error": {
                 *         "message": "Request failed during generation",
                 *         "type": "server_error",
                 *         "param": null,
                 *         "code": null
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["OpenAIErrorAnswer"];
            };
        };
        /** @description `model` names another model than the one this server serves. */
        OpenAIModelNotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "error": {
                 *         "message": "The model 'gpt2' is not served here; this server serves 'google/flan-t5-small'",
                 *         "type": "invalid_request_error",
                 *         "param": "model",
                 *         "code": "model_not_found"
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["OpenAIErrorAnswer"];
            };
        };
        /**
         * @description The model has not finished loading (`model_not_ready`), or the Tapis Tenants API cannot be reached to
         *     verify the token (`auth_unavailable`). Retry after `Retry-After` seconds.
         */
        OpenAINotReady: {
            headers: {
                "Retry-After": components["headers"]["RetryAfter"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "error": {
                 *         "message": "Model google/flan-t5-small is still loading",
                 *         "type": "service_unavailable_error",
                 *         "param": null,
                 *         "code": "model_not_ready"
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["OpenAIErrorAnswer"];
            };
        };
        /** @description The server already holds `max_concurrent_requests` requests. Retry later. */
        OpenAIOverloaded: {
            headers: {
                "Retry-After": components["headers"]["RetryAfter"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "error": {
                 *         "message": "Model is overloaded, retry later",
                 *         "type": "rate_limit_error",
                 *         "param": null,
                 *         "code": "overloaded"
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["OpenAIErrorAnswer"];
            };
        };
        /** @description The request body is over the server's limit. */
        OpenAIPayloadTooLarge: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "error": {
                 *         "message": "Request body is larger than 1048576 bytes",
                 *         "type": "invalid_request_error",
                 *         "param": null,
                 *         "code": "payload_too_large"
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["OpenAIErrorAnswer"];
            };
        };
        /** @description The Tapis token is missing or invalid. */
        OpenAIUnauthorized: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "error": {
                 *         "message": "Invalid Tapis token: expired",
                 *         "type": "authentication_error",
                 *         "param": null,
                 *         "code": "invalid_api_key"
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["OpenAIErrorAnswer"];
            };
        };
        /** @description A parameter this server does not know, or a value it cannot honour (see each parameter of `CompletionRequest`). */
        OpenAIUnprocessable: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "error": {
                 *         "message": "Unsupported value: 'top_p' must be 1; this server does not implement nucleus sampling",
                 *         "type": "invalid_request_error",
                 *         "param": "top_p",
                 *         "code": "unsupported_value"
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["OpenAIErrorAnswer"];
            };
        };
        /** @description The Tapis Tenants API cannot be reached to verify the token. Retry after `Retry-After` seconds. */
        TgiAuthUnavailable: {
            headers: {
                "Retry-After": components["headers"]["RetryAfter"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "error": "Cannot verify the Tapis token: the Tenants API is unavailable",
                 *       "error_type": "auth_unavailable"
                 *     }
                 */
                "application/json": components["schemas"]["TgiError"];
            };
        };
        /** @description The body is not JSON, or not a JSON object of the documented shape. */
        TgiBadRequest: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "error": "Body is not valid JSON: Unexpected token } in JSON at position 52",
                 *       "error_type": "bad_request"
                 *     }
                 */
                "application/json": components["schemas"]["TgiError"];
            };
        };
        /** @description Generation failed, or a bug on our side. The detail is logged, not returned. */
        TgiInternalError: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "error": "Request failed during generation",
                 *       "error_type": "generation"
                 *     }
                 */
                "application/json": components["schemas"]["TgiError"];
            };
        };
        /**
         * @description The model has not finished loading (`not_ready`), or the Tapis Tenants API cannot be reached to verify
         *     the token (`auth_unavailable`). Retry after `Retry-After` seconds.
         */
        TgiNotReady: {
            headers: {
                "Retry-After": components["headers"]["RetryAfter"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "error": "Model google/flan-t5-small is still loading",
                 *       "error_type": "not_ready"
                 *     }
                 */
                "application/json": components["schemas"]["TgiError"];
            };
        };
        /** @description The server already holds `max_concurrent_requests` requests (TGI's `overloaded`). Retry later. */
        TgiOverloaded: {
            headers: {
                "Retry-After": components["headers"]["RetryAfter"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "error": "Model is overloaded",
                 *       "error_type": "overloaded"
                 *     }
                 */
                "application/json": components["schemas"]["TgiError"];
            };
        };
        /** @description The request body is over the server's limit. */
        TgiPayloadTooLarge: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "error": "Request body is larger than 1048576 bytes",
                 *       "error_type": "payload_too_large"
                 *     }
                 */
                "application/json": components["schemas"]["TgiError"];
            };
        };
        /** @description The Tapis token is missing or invalid. */
        TgiUnauthorized: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "error": "Invalid Tapis token: expired",
                 *       "error_type": "unauthorized"
                 *     }
                 */
                "application/json": components["schemas"]["TgiError"];
            };
        };
        /**
         * @description Input validation error (TGI's `validation`): a parameter is out of range or unknown, a parameter has a
         *     value this backend cannot honour (see each parameter of `GenerateParameters`), or the input is longer
         *     than `max_input_tokens` and `truncate` is not set.
         */
        TgiUnprocessable: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "error": "Input validation error: `best_of` must be 1: best-of-n sampling is not implemented",
                 *       "error_type": "validation"
                 *     }
                 */
                "application/json": components["schemas"]["TgiError"];
            };
        };
    };
    parameters: {
        /**
         * @description The id of the served model as ONE path segment, its slash percent-encoded (`google%2Fflan-t5-small`),
         *     or a bare id. The raw form (`/inference/google/flan-t5-small`) is accepted too. Any other id than the
         *     one this server serves answers 404.
         * @example google/flan-t5-small
         */
        ServedModelId: string;
    };
    requestBodies: never;
    headers: {
        /**
         * @description The id of this request, as logged by the server (and in `metadata.requestId` of a Tapis envelope).
         * @example req-7c41
         */
        RequestId: string;
        /**
         * @description Seconds to wait before trying again.
         * @example 5
         */
        RetryAfter: number;
    };
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    generate: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "inputs": "Translate English to German: How old are you?",
                 *       "parameters": {
                 *         "max_new_tokens": 20,
                 *         "details": true
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["GenerateRequest"];
            };
        };
        responses: {
            /** @description The generated text. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "generated_text": "Wie alt sind Sie?",
                     *       "details": {
                     *         "finish_reason": "eos_token",
                     *         "generated_tokens": 6,
                     *         "seed": null,
                     *         "prefill": [],
                     *         "tokens": [
                     *           {
                     *             "id": 2739,
                     *             "text": "Wie",
                     *             "logprob": -0.4107,
                     *             "special": false
                     *           },
                     *           {
                     *             "id": 3501,
                     *             "text": " alt",
                     *             "logprob": -0.0213,
                     *             "special": false
                     *           },
                     *           {
                     *             "id": 436,
                     *             "text": " sind",
                     *             "logprob": -0.1822,
                     *             "special": false
                     *           },
                     *           {
                     *             "id": 292,
                     *             "text": " Sie",
                     *             "logprob": -0.0956,
                     *             "special": false
                     *           },
                     *           {
                     *             "id": 58,
                     *             "text": "?",
                     *             "logprob": -0.0071,
                     *             "special": false
                     *           },
                     *           {
                     *             "id": 1,
                     *             "text": "</s>",
                     *             "logprob": -0.0019,
                     *             "special": true
                     *           }
                     *         ]
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["GenerateResponse"];
                };
            };
            400: components["responses"]["TgiBadRequest"];
            401: components["responses"]["TgiUnauthorized"];
            413: components["responses"]["TgiPayloadTooLarge"];
            422: components["responses"]["TgiUnprocessable"];
            429: components["responses"]["TgiOverloaded"];
            500: components["responses"]["TgiInternalError"];
            503: components["responses"]["TgiNotReady"];
        };
    };
    generateStream: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "inputs": "Translate English to German: How old are you?",
                 *       "parameters": {
                 *         "max_new_tokens": 20,
                 *         "details": true
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["GenerateStreamRequest"];
            };
        };
        responses: {
            /**
             * @description Server-sent events. Each event's `data` is one JSON `GenerateStreamEvent`: a `StreamResponse`, or a
             *     `TgiError` when generation failed after the stream started. The example is the last event.
             */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "index": 6,
                     *       "token": {
                     *         "id": 1,
                     *         "text": "</s>",
                     *         "logprob": -0.0019,
                     *         "special": true
                     *       },
                     *       "generated_text": "Wie alt sind Sie?",
                     *       "details": {
                     *         "finish_reason": "eos_token",
                     *         "generated_tokens": 6,
                     *         "seed": null,
                     *         "input_length": 12
                     *       }
                     *     }
                     */
                    "text/event-stream": components["schemas"]["GenerateStreamEvent"];
                };
            };
            400: components["responses"]["TgiBadRequest"];
            401: components["responses"]["TgiUnauthorized"];
            413: components["responses"]["TgiPayloadTooLarge"];
            422: components["responses"]["TgiUnprocessable"];
            429: components["responses"]["TgiOverloaded"];
            500: components["responses"]["TgiInternalError"];
            503: components["responses"]["TgiNotReady"];
        };
    };
    getHealth: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The model is loaded; the body is empty, as in TGI. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The model is still loading. */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "unhealthy",
                     *       "error_type": "healthcheck"
                     *     }
                     */
                    "application/json": components["schemas"]["TgiError"];
                };
            };
        };
    };
    listLegacyInferenceModels: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The served models. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "status": "success",
                     *       "message": "Served models",
                     *       "version": "1.0.0",
                     *       "result": [
                     *         {
                     *           "model_id": "google/flan-t5-small",
                     *           "task": "text2text-generation",
                     *           "ready": true,
                     *           "inference_path": "/inference/google%2Fflan-t5-small"
                     *         }
                     *       ],
                     *       "metadata": {
                     *         "requestId": "req-7c41"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["LegacyModelListEnvelope"];
                };
            };
            401: components["responses"]["LegacyUnauthorized"];
            500: components["responses"]["LegacyInternalError"];
            503: components["responses"]["LegacyAuthUnavailable"];
        };
    };
    runLegacyInference: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The id of the served model as ONE path segment, its slash percent-encoded (`google%2Fflan-t5-small`),
                 *     or a bare id. The raw form (`/inference/google/flan-t5-small`) is accepted too. Any other id than the
                 *     one this server serves answers 404.
                 * @example google/flan-t5-small
                 */
                model_id: components["parameters"]["ServedModelId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "prompt": "Translate English to German: How old are you?"
                 *     }
                 */
                "application/json": components["schemas"]["LegacyInferenceRequest"];
            };
        };
        responses: {
            /** @description The generated text. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "status": "success",
                     *       "message": "Inference complete",
                     *       "version": "1.0.0",
                     *       "result": {
                     *         "model_id": "google/flan-t5-small",
                     *         "generated_text": "Wie alt sind Sie?"
                     *       },
                     *       "metadata": {
                     *         "requestId": "req-7c42"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["LegacyInferenceEnvelope"];
                };
            };
            400: components["responses"]["LegacyBadRequest"];
            401: components["responses"]["LegacyUnauthorized"];
            404: components["responses"]["LegacyNotFound"];
            413: components["responses"]["LegacyPayloadTooLarge"];
            422: components["responses"]["LegacyUnprocessable"];
            429: components["responses"]["LegacyOverloaded"];
            500: components["responses"]["LegacyInternalError"];
            503: components["responses"]["LegacyNotReady"];
        };
    };
    getInfo: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The served model and the server's limits. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "model_id": "google/flan-t5-small",
                     *       "model_sha": "0fc9ddf78a1e988dac52e2dac162b0ede4fd74ab",
                     *       "model_dtype": "fp32",
                     *       "model_device_type": "cpu",
                     *       "model_pipeline_tag": "text-generation",
                     *       "max_concurrent_requests": 16,
                     *       "max_best_of": 1,
                     *       "max_stop_sequences": 4,
                     *       "max_input_tokens": 512,
                     *       "max_total_tokens": 1024,
                     *       "max_client_batch_size": 4,
                     *       "validation_workers": 1,
                     *       "router": "ml-hub-inference-server",
                     *       "version": "1.0.0",
                     *       "sha": null,
                     *       "docker_label": null
                     *     }
                     */
                    "application/json": components["schemas"]["Info"];
                };
            };
            401: components["responses"]["TgiUnauthorized"];
            500: components["responses"]["TgiInternalError"];
            503: components["responses"]["TgiAuthUnavailable"];
        };
    };
    getMetrics: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The metrics. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example # HELP tgi_request_count Number of generation requests received.
                     *     # TYPE tgi_request_count counter
                     *     tgi_request_count 42
                     *     # HELP tgi_request_success Number of generation requests that succeeded.
                     *     # TYPE tgi_request_success counter
                     *     tgi_request_success 40
                     *     # HELP tgi_request_failure Number of generation requests that failed, by error_type.
                     *     # TYPE tgi_request_failure counter
                     *     tgi_request_failure{err="validation"} 2
                     *     # HELP tgi_request_duration Generation request duration in seconds.
                     *     # TYPE tgi_request_duration histogram
                     *     tgi_request_duration_bucket{le="0.1"} 12
                     *     tgi_request_duration_bucket{le="0.5"} 37
                     *     tgi_request_duration_bucket{le="+Inf"} 40
                     *     tgi_request_duration_sum 9.81
                     *     tgi_request_duration_count 40
                     *     # HELP tgi_queue_size Requests waiting for the model.
                     *     # TYPE tgi_queue_size gauge
                     *     tgi_queue_size 0
                     *     # HELP mlhub_model_loaded 1 once the model is loaded.
                     *     # TYPE mlhub_model_loaded gauge
                     *     mlhub_model_loaded 1
                     */
                    "text/plain; version=0.0.4": string;
                };
            };
        };
    };
    createCompletion: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "model": "google/flan-t5-small",
                 *       "prompt": "Translate English to German: How old are you?",
                 *       "max_tokens": 20,
                 *       "temperature": 0
                 *     }
                 */
                "application/json": components["schemas"]["CompletionRequest"];
            };
        };
        responses: {
            /**
             * @description The completion: a JSON `Completion`, or with `"stream": true` server-sent events whose data are
             *     `CompletionStreamEvent`s followed by `data: [DONE]` (the example is one chunk).
             */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "cmpl-5b9e1f0c",
                     *       "object": "text_completion",
                     *       "created": 1795795200,
                     *       "model": "google/flan-t5-small",
                     *       "system_fingerprint": "ml-hub-inference-server-1.0.0",
                     *       "choices": [
                     *         {
                     *           "text": "Wie alt sind Sie?",
                     *           "index": 0,
                     *           "logprobs": null,
                     *           "finish_reason": "stop"
                     *         }
                     *       ],
                     *       "usage": {
                     *         "prompt_tokens": 12,
                     *         "completion_tokens": 6,
                     *         "total_tokens": 18
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["Completion"];
                    /**
                     * @example {
                     *       "id": "cmpl-5b9e1f0c",
                     *       "object": "text_completion",
                     *       "created": 1795795200,
                     *       "model": "google/flan-t5-small",
                     *       "choices": [
                     *         {
                     *           "text": "Wie",
                     *           "index": 0,
                     *           "logprobs": null,
                     *           "finish_reason": null
                     *         }
                     *       ]
                     *     }
                     */
                    "text/event-stream": components["schemas"]["CompletionStreamEvent"];
                };
            };
            400: components["responses"]["OpenAIBadRequest"];
            401: components["responses"]["OpenAIUnauthorized"];
            404: components["responses"]["OpenAIModelNotFound"];
            413: components["responses"]["OpenAIPayloadTooLarge"];
            422: components["responses"]["OpenAIUnprocessable"];
            429: components["responses"]["OpenAIOverloaded"];
            500: components["responses"]["OpenAIInternalError"];
            503: components["responses"]["OpenAINotReady"];
        };
    };
    listOpenAIModels: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The served model. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "object": "list",
                     *       "data": [
                     *         {
                     *           "id": "google/flan-t5-small",
                     *           "object": "model",
                     *           "created": 1795795200,
                     *           "owned_by": "google"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["ModelList"];
                };
            };
            401: components["responses"]["OpenAIUnauthorized"];
            503: components["responses"]["OpenAINotReady"];
        };
    };
    retrieveOpenAIModel: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The id of the served model as ONE path segment, its slash percent-encoded (`google%2Fflan-t5-small`),
                 *     or a bare id. The raw form (`/inference/google/flan-t5-small`) is accepted too. Any other id than the
                 *     one this server serves answers 404.
                 * @example google/flan-t5-small
                 */
                model_id: components["parameters"]["ServedModelId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The served model. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "google/flan-t5-small",
                     *       "object": "model",
                     *       "created": 1795795200,
                     *       "owned_by": "google"
                     *     }
                     */
                    "application/json": components["schemas"]["OpenAIModel"];
                };
            };
            401: components["responses"]["OpenAIUnauthorized"];
            404: components["responses"]["OpenAIModelNotFound"];
            503: components["responses"]["OpenAINotReady"];
        };
    };
    getServerLive: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The server is alive. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "live": true
                     *     }
                     */
                    "application/json": components["schemas"]["ServerLiveResponse"];
                };
            };
        };
    };
    getServerReady: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The model is loaded; the server answers generation requests. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "ready": true
                     *     }
                     */
                    "application/json": components["schemas"]["ServerReadyResponse"];
                };
            };
            503: components["responses"]["OipNotReady"];
        };
    };
    getModelReady: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The served model's id as ONE path segment, its slash percent-encoded (`google%2Fflan-t5-small`),
                 *     or a bare id. The raw form (`/v2/models/google/flan-t5-small/ready`) is accepted too.
                 * @example google/flan-t5-small
                 */
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The model is loaded. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "name": "google/flan-t5-small",
                     *       "ready": true
                     *     }
                     */
                    "application/json": components["schemas"]["ModelReadyResponse"];
                };
            };
            /** @description This server does not serve that model. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "error": "Model 'gpt2' is not served here; this server serves 'google/flan-t5-small'"
                     *     }
                     */
                    "application/json": components["schemas"]["OipError"];
                };
            };
            503: components["responses"]["OipNotReady"];
        };
    };
}
