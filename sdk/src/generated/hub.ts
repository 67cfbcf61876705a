/**
 * Generated from openapi/hub by `npm run generate`. Do not edit: CI regenerates and fails on any diff.
 */

export interface paths {
    "/v3/ml-hub/authors/{authorId}/models": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List an author's models (legacy, older path)
         * @deprecated
         * @description The 0.0.1 client's path of `legacyListModelsByAuthor` (`GET /v3/ml-hub/models/authors/{authorId}`);
         *     the same answer. Deprecated: use `listModels` with `author`.
         */
        get: operations["legacyListModelsByAuthorOld"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v3/ml-hub/dataset_card/{datasetId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a dataset's card (legacy)
         * @deprecated
         * @description The dataset card: its Markdown (`dataset_card`, the README without its YAML header) and the YAML
         *     header as an object (`dataset_metadata`). Deprecated: use the card operation of `/v3/mlhub`.
         */
        get: operations["legacyGetDatasetCard"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v3/ml-hub/datasets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the 100 most downloaded datasets (legacy)
         * @deprecated
         * @description The 100 most downloaded datasets, as an object keyed by dataset id (not an array, no pagination).
         *     Deprecated: use `listDatasets` (`GET /v3/mlhub/datasets`).
         */
        get: operations["legacyListDatasets"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v3/ml-hub/datasets/{datasetId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get one dataset's details (legacy)
         * @deprecated
         * @description Everything the legacy API knew about one dataset: the list fields plus description, citation,
         *     card data and repository files. Deprecated: use `getDataset` (`GET /v3/mlhub/datasets/{datasetId}`).
         */
        get: operations["legacyGetDataset"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v3/ml-hub/datasets/authors/{authorId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List an author's datasets (legacy)
         * @deprecated
         * @description The author's 100 most downloaded datasets (ids starting with `{authorId}/`), keyed by dataset id.
         *     Deprecated: use `listDatasets` with `author`.
         */
        get: operations["legacyListDatasetsByAuthor"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v3/ml-hub/datasets/languages/{languageName}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the top 100 datasets of a language (legacy)
         * @deprecated
         * @description The 100 most downloaded datasets tagged `language:{languageName}`, keyed by dataset id.
         *     Deprecated: use `listDatasets` with `language`.
         */
        get: operations["legacyListDatasetsByLanguage"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v3/ml-hub/datasets/search/{query}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Search the top 100 datasets (legacy)
         * @deprecated
         * @description The 100 most downloaded datasets whose id contains `{query}` (case-insensitive), keyed by dataset id.
         *     Deprecated: use `listDatasets` with `search`.
         */
        get: operations["legacyListDatasetsByQuery"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v3/ml-hub/datasets/size-categories/{sizeCategory}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the top 100 datasets of a size category (legacy)
         * @deprecated
         * @description The 100 most downloaded datasets tagged `size_categories:{sizeCategory}`, keyed by dataset id.
         *     Deprecated: use `listDatasets` with `tags=size_categories:<category>`.
         */
        get: operations["legacyListDatasetsBySizeCategory"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v3/ml-hub/datasets/tasks/{taskType}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the top 100 datasets of a task (legacy)
         * @deprecated
         * @description The 100 most downloaded datasets tagged `task_categories:{taskType}`, keyed by dataset id.
         *     Deprecated: use `listDatasets` with `task`.
         */
        get: operations["legacyListDatasetsByTask"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v3/ml-hub/download_dataset/{datasetId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get download links of a dataset's files (legacy)
         * @deprecated
         * @description One download URL per file of the dataset repository, in `download_links` (`{filename: url}`),
         *     at the revision `sha`. Deprecated: use the download operations of `/v3/mlhub`.
         */
        get: operations["legacyDownloadDataset"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v3/ml-hub/download_model/{modelId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get download links of a model's files (legacy)
         * @deprecated
         * @description One download URL per file of the model repository, in `download_links` (`{filename: url}`),
         *     at the revision `sha`. Deprecated: use the download operations of `/v3/mlhub`.
         */
        get: operations["legacyDownloadModel"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v3/ml-hub/languages/{languageName}/models": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the top 100 models of a language (legacy, older path)
         * @deprecated
         * @description The 0.0.1 client's path of `legacyListModelsByLanguage` (`GET /v3/ml-hub/models/languages/{languageName}`);
         *     the same answer. Deprecated: use `listModels` with `language`.
         */
        get: operations["legacyListModelsByLanguageOld"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v3/ml-hub/libraries/{libraryName}/models": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the top 100 models of a library (legacy, older path)
         * @deprecated
         * @description The 0.0.1 client's path of `legacyListModelsByLibrary` (`GET /v3/ml-hub/models/libraries/{libraryName}`);
         *     the same answer. Deprecated: use `listModels` with `library`.
         */
        get: operations["legacyListModelsByLibraryOld"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v3/ml-hub/model_card/{modelId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a model's card (legacy)
         * @deprecated
         * @description The model card: its Markdown (`model_card`, the README without its YAML header) and the YAML
         *     header as an object (`model_metadata`). Added in the 0.0.2 client.
         *     Deprecated: use the card operation of `/v3/mlhub`.
         */
        get: operations["legacyGetModelCard"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v3/ml-hub/models": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the 100 most downloaded models (legacy)
         * @deprecated
         * @description The 100 most downloaded models, as an object keyed by model id (not an array, no pagination).
         *     Deprecated: use `listModels` (`GET /v3/mlhub/models`).
         */
        get: operations["legacyListModels"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v3/ml-hub/models/{modelId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get one model's details (legacy)
         * @deprecated
         * @description Everything the legacy API knew about one model: the list fields plus config, card data,
         *     repository files, transformers info and widget examples.
         *     Deprecated: use `getModel` (`GET /v3/mlhub/models/{modelId}`).
         */
        get: operations["legacyGetModel"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v3/ml-hub/models/{modelId}/inference": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a model's inference server (legacy)
         * @deprecated
         * @description Where the model's running inference server is reached (`inference_endpoint`: the hub's
         *     `runLegacyInference`, which takes the legacy body `{"prompt"}` and runs through the hub), with
         *     example request bodies.
         *
         *     When no server is running the answer is an error envelope whose `result` still says whether one
         *     could be started (`inference_server_possible`): 422 when it could, 404 when the model cannot be
         *     served or does not exist (then `result` is null). The client only decodes the 200 answer; its
         *     `RespModelServerError` model describes these error bodies.
         *     Deprecated: use the inference server operations of `/v3/mlhub`.
         */
        get: operations["legacyGetModelInferenceServer"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v3/ml-hub/models/authors/{authorId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List an author's models (legacy)
         * @deprecated
         * @description The author's 100 most downloaded models (ids starting with `{authorId}/`), keyed by model id.
         *     Deprecated: use `listModels` with `author`.
         */
        get: operations["legacyListModelsByAuthor"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v3/ml-hub/models/languages/{languageName}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the top 100 models of a language (legacy)
         * @deprecated
         * @description The 100 most downloaded models tagged with one language, keyed by model id.
         *     Deprecated: use `listModels` with `language`.
         */
        get: operations["legacyListModelsByLanguage"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v3/ml-hub/models/libraries/{libraryName}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the top 100 models of a library (legacy)
         * @deprecated
         * @description The 100 most downloaded models of one library (`library_name` or a library tag, such as
         *     `transformers`, `pytorch`), keyed by model id. Deprecated: use `listModels` with `library`.
         */
        get: operations["legacyListModelsByLibrary"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v3/ml-hub/models/tasks/{taskType}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the top 100 models of a task (legacy)
         * @deprecated
         * @description The 100 most downloaded models of one task (`pipeline_tag`), keyed by model id.
         *     `text2text-generation` still finds FLAN-T5-style models, which Hugging Face now files under
         *     `text-generation`. Deprecated: use `listModels` with `task`.
         */
        get: operations["legacyListModelsByTask"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v3/ml-hub/models/trained_datasets/{dataset}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the top 100 models trained on a dataset (legacy)
         * @deprecated
         * @description The 100 most downloaded models tagged `dataset:{dataset}`, keyed by model id.
         *     Deprecated: use `listModels` with `tags=dataset:<id>`.
         */
        get: operations["legacyListModelsByDataset"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v3/ml-hub/search/{query}/models": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Search the top 100 models (legacy)
         * @deprecated
         * @description The 100 most downloaded models whose id contains `{query}` (case-insensitive), keyed by model id.
         *     This path shape did not change between the 0.0.1 and 0.0.2 clients.
         *     Deprecated: use `listModels` with `search`.
         */
        get: operations["legacyListModelsByQuery"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v3/ml-hub/tasks/{taskType}/models": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the top 100 models of a task (legacy, older path)
         * @deprecated
         * @description The 0.0.1 client's path of `legacyListModelsByTask` (`GET /v3/ml-hub/models/tasks/{taskType}`);
         *     the same answer. Deprecated: use `listModels` with `task`.
         */
        get: operations["legacyListModelsByTaskOld"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v3/ml-hub/trained_datasets/{dataset}/models": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the top 100 models trained on a dataset (legacy, older path)
         * @deprecated
         * @description The 0.0.1 client's path of `legacyListModelsByDataset`
         *     (`GET /v3/ml-hub/models/trained_datasets/{dataset}`); the same answer.
         *     Deprecated: use `listModels` with `tags=dataset:<id>`.
         */
        get: operations["legacyListModelsByDatasetOld"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v3/mlhub/datasets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List datasets
         * @description Lists datasets from every enabled source, merged and deduplicated by id, filtered by every given filter at
         *     once, sorted and paged with an opaque cursor. A failing source gives `metadata.partial: true`.
         */
        get: operations["listDatasets"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v3/mlhub/datasets/{datasetId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a dataset
         * @description Details of one dataset, pinned to a commit sha. A renamed id (`gsm8k`) resolves to its canonical id (`openai/gsm8k`), reported in `result.id`.
         */
        get: operations["getDataset"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v3/mlhub/datasets/{datasetId}/card": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a dataset card
         * @description The dataset card split into its YAML metadata and its Markdown text, and which of the recommended dataset-card sections it has.
         */
        get: operations["getDatasetCard"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v3/mlhub/datasets/{datasetId}/download": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get download links of a dataset
         * @description A download link per file, pinned to a commit sha; store files link to `downloadDatasetFile` on this hub.
         */
        get: operations["getDatasetDownload"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v3/mlhub/datasets/{datasetId}/files": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List a dataset's files
         * @description The files of the dataset's repository, pinned to the commit sha the details came from unless `revision` says otherwise.
         */
        get: operations["listDatasetFiles"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v3/mlhub/datasets/{datasetId}/resolve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Download a file of a dataset (any store file; an image of a Hugging Face repository)
         * @description A dataset held in the local store: streams any of its files, with `Range` (206), `If-None-Match` (304),
         *     `ETag`, `Content-Length` and the file's SHA-256 in `X-Content-Sha256`. Only files inside the store are ever
         *     served: paths with `..`, absolute paths and symlinks leading out are refused. PNG, JPEG, GIF, WebP and
         *     AVIF files are sent with their image type (`image/png`...), so a card's images show in a page; every other
         *     file, SVG included, as `application/octet-stream`.
         *
         *     A dataset of Hugging Face (or of the offline snapshot, fetched from Hugging Face when that source is
         *     enabled): only the images a card shows are served, so a card's relative `![](assets/fig.png)` loads
         *     through the hub with the user's token while the page's CSP stays `img-src 'self' data:`. This route never
         *     proxies weights or data: any other path is refused with 403 `FORBIDDEN` naming `path`, before Hugging
         *     Face is asked. The file is read at `revision` (default: the commit the details came from) from the
         *     configured Hugging Face base URL, redirects followed only to the hub itself or to the `https` hosts of
         *     `MLHUB_CARD_IMAGE_HOSTS` (its CDN), never to a host a card or a client names. Its type must be the one its
         *     extension says (or generic bytes whose content is that image), else 502. An image larger than
         *     `MLHUB_CARD_IMAGE_MAX_BYTES` (by its `Content-Length` or by the bytes counted) is refused with 422
         *     `UNPROCESSABLE`. PNG, JPEG, GIF, WebP and AVIF go out with their image type; SVG goes out as
         *     `application/octet-stream` with `Content-Disposition: attachment`, never as `image/svg+xml`: an SVG is a
         *     document that can carry script, and on this origin it must never be rendered as one (the tab shows it
         *     from a `data:` URL in an `<img>`, where no script runs). Answers carry `X-Content-Type-Options: nosniff`,
         *     `Cache-Control` (`immutable` at a commit sha) and a weak `ETag` (304 on `If-None-Match`); `Range` is
         *     not supported for them. Answers are kept in the hub's upstream cache (bounded in bytes), so an image read
         *     once is served while Hugging Face is down; otherwise a failing Hugging Face is a 502, 503 or 504.
         */
        get: operations["downloadDatasetFile"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v3/mlhub/docs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * API reference page
         * @description A human-readable API reference rendered from the OpenAPI document, served with no outside assets. Needs no token.
         */
        get: operations["getApiReference"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v3/mlhub/facets/datasets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Count datasets per task category, size category, language and license
         * @description Facet counts over the datasets that match the given filters (the same filters as `listDatasets`), most frequent first, at most 50 values per facet.
         */
        get: operations["getDatasetFacets"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v3/mlhub/facets/models": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Count models per task, library, language and license
         * @description Facet counts over the models that match the given filters (the same filters as `listModels`), most frequent first, at most 50 values per facet.
         */
        get: operations["getModelFacets"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v3/mlhub/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Liveness
         * @description Answers 200 while the process is up, with each catalog source's last known health (no upstream call is made for it). Needs no token.
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
    "/v3/mlhub/inference/models/{modelId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Can this model be served here
         * @description Whether the model can be served by this hub's inference servers, and the server that serves it now, if any.
         */
        get: operations["getInferenceAvailability"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v3/mlhub/inference/models/{modelId}/generate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Run text-to-text inference
         * @description Runs the model on `inputs` through its running inference server. Answers JSON, or a Server-Sent Events
         *     stream of TGI-style token events when `stream` is true or the request accepts only `text/event-stream`;
         *     the last event carries `generated_text`. No live server: 409 `CONFLICT` whose `metadata.details`
         *     holds `{hint: createInferenceServer, modelId}`. A server scaled to zero is woken by the request, which
         *     waits for it up to the hub's bound, then answers 503 with `Retry-After`. Generation parameters the
         *     server cannot honour are rejected with 422 with the server's own message, never ignored.
         */
        post: operations["runInference"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v3/mlhub/inference/models/{modelId}/legacy": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Run the model on a prompt (legacy)
         * @deprecated
         * @description The `inference_endpoint` that the legacy `legacyGetModelInferenceServer` answers: the legacy inference call,
         *     `{"prompt": "..."}` in and `{model_id, generated_text}` in the envelope out, decoded as the legacy
         *     server did (greedy, the server's default number of new tokens). It runs on the model's inference
         *     server through the hub, like `runInference`: a server scaled to zero is woken, the request counts as
         *     the server's use (an idle server is stopped only when no one uses it), and the server may live on a
         *     loopback port or in a pod that clients cannot reach themselves. No live server: 409 `CONFLICT` with
         *     `{hint: createInferenceServer, modelId}`.
         *     Deprecated: use `runInference`, which takes generation parameters and streams.
         */
        post: operations["runLegacyInference"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v3/mlhub/inference/pulls": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Pull a model into the store
         * @description Starts a job that downloads the files a server needs (config, tokenizer, `onnx/encoder_model{S}.onnx`,
         *     `onnx/decoder_model_merged{S}.onnx`) from the configured Hugging Face-compatible hub into the model
         *     store. Each file is streamed to a temporary file, its size and sha256 checked against the hub's `lfs`
         *     metadata, then moved into place; an interrupted download resumes with `Range`. Answers 202 with the job
         *     in state `queued`; poll `getModelPull`. A pull of the same model already under way: 409 with that job in
         *     `result`.
         */
        post: operations["createModelPull"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v3/mlhub/inference/pulls/{jobId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read a pull job
         * @description The job's state (queued, downloading with bytes done and total, verifying, done, or failed with the reason) and each file's progress.
         */
        get: operations["getModelPull"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v3/mlhub/inference/servers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List inference servers
         * @description The inference servers this hub runs or ran, newest first, paged.
         */
        get: operations["listInferenceServers"];
        put?: never;
        /**
         * Ask for an inference server
         * @description Provisions an inference server for a servable model (a local child process, or a Tapis pod in production).
         *     Answers 202 with the server in state `pending`; poll `getInferenceServer` until `running`. A model that
         *     already has a live server (pending, initializing, running or scaledToZero): 409 with that server in
         *     `result`, so a client can use it. Over the per-user or the global limit of live servers: 429.
         */
        post: operations["createInferenceServer"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v3/mlhub/inference/servers/{serverId}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The server id.
                 * @example srv-7f3a9c
                 */
                serverId: string;
            };
            cookie?: never;
        };
        /**
         * Get an inference server
         * @description One inference server, with its state and endpoint.
         */
        get: operations["getInferenceServer"];
        put?: never;
        post?: never;
        /**
         * Stop an inference server
         * @description Stops the server (ends its process or deletes its pod); answers with the server in state `stopped`.
         */
        delete: operations["deleteInferenceServer"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v3/mlhub/inference/servers/{serverId}/history": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The server id.
                 * @example srv-7f3a9c
                 */
                serverId: string;
            };
            cookie?: never;
        };
        /**
         * State history of an inference server
         * @description Every state the server went through, oldest first, each with its time and why.
         */
        get: operations["getInferenceServerHistory"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v3/mlhub/models": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List models
         * @description Lists models from every enabled source (Hugging Face, the offline snapshot, the local model store),
         *     merged and deduplicated by id, filtered by every given filter at once, sorted and paged with an opaque
         *     cursor. When a source fails the answer is still 200, with `metadata.partial: true` and the failing source
         *     in `metadata.sources`.
         */
        get: operations["listModels"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v3/mlhub/models/{modelId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a model
         * @description Details of one model: everything the list gives, plus the commit sha the answer is pinned to, the
         *     architecture, the card metadata and whether it can be served here. A renamed id resolves to its canonical
         *     id (`t5-small` -> `google-t5/t5-small`); `result.id` is the canonical one and `result.requestedId` the one asked.
         */
        get: operations["getModel"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v3/mlhub/models/{modelId}/card": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a model card
         * @description The model card split into its YAML metadata and its Markdown text, and which of the recommended model-card sections it has.
         */
        get: operations["getModelCard"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v3/mlhub/models/{modelId}/download": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get download links of a model
         * @description A download link per file, pinned to a commit sha. Files of Hugging Face models link to Hugging Face's
         *     public `resolve/{sha}/{path}` URLs; files held in the local model store link to `downloadModelFile` on this hub.
         */
        get: operations["getModelDownload"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v3/mlhub/models/{modelId}/files": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List a model's files
         * @description The files of the model's repository (path, size, git oid, LFS details), pinned to the commit sha the details came from unless `revision` says otherwise.
         */
        get: operations["listModelFiles"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v3/mlhub/models/{modelId}/resolve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Download a file of a model (any store file; an image of a Hugging Face repository)
         * @description A model held in the local store: streams any of its files, with `Range` (206), `If-None-Match` (304),
         *     `ETag`, `Content-Length` and the file's SHA-256 in `X-Content-Sha256`. Only files inside the store are ever
         *     served: paths with `..`, absolute paths and symlinks leading out are refused. PNG, JPEG, GIF, WebP and
         *     AVIF files are sent with their image type (`image/png`...), so a card's images show in a page; every other
         *     file, SVG included, as `application/octet-stream`.
         *
         *     A model of Hugging Face (or of the offline snapshot, fetched from Hugging Face when that source is
         *     enabled): only the images a card shows are served, so a card's relative `![](assets/fig.png)` loads
         *     through the hub with the user's token while the page's CSP stays `img-src 'self' data:`. This route never
         *     proxies weights or data: any other path is refused with 403 `FORBIDDEN` naming `path`, before Hugging
         *     Face is asked. The file is read at `revision` (default: the commit the details came from) from the
         *     configured Hugging Face base URL, redirects followed only to the hub itself or to the `https` hosts of
         *     `MLHUB_CARD_IMAGE_HOSTS` (its CDN), never to a host a card or a client names. Its type must be the one its
         *     extension says (or generic bytes whose content is that image), else 502. An image larger than
         *     `MLHUB_CARD_IMAGE_MAX_BYTES` (by its `Content-Length` or by the bytes counted) is refused with 422
         *     `UNPROCESSABLE`. PNG, JPEG, GIF, WebP and AVIF go out with their image type; SVG goes out as
         *     `application/octet-stream` with `Content-Disposition: attachment`, never as `image/svg+xml`: an SVG is a
         *     document that can carry script, and on this origin it must never be rendered as one (the tab shows it
         *     from a `data:` URL in an `<img>`, where no script runs). Answers carry `X-Content-Type-Options: nosniff`,
         *     `Cache-Control` (`immutable` at a commit sha) and a weak `ETag` (304 on `If-None-Match`); `Range` is
         *     not supported for them. Answers are kept in the hub's upstream cache (bounded in bytes), so an image read
         *     once is served while Hugging Face is down; otherwise a failing Hugging Face is a 502, 503 or 504.
         */
        get: operations["downloadModelFile"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v3/mlhub/models/{modelId}/snippets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get "use this model" snippets
         * @description Code snippets that load or call the model, from `@huggingface/tasks` for its libraries, plus one for the ML Hub SDK and one for curl against this hub.
         */
        get: operations["getModelSnippets"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v3/mlhub/openapi.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The OpenAPI document
         * @description This API's OpenAPI 3.1 document, as bundled from `openapi/hub`. Needs no token. Not wrapped in the envelope.
         */
        get: operations["getOpenApiDocument"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v3/mlhub/ready": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Readiness
         * @description Answers 200 when the hub can serve: at least one catalog source answers (the snapshot, the store, Hugging Face, or Hugging Face answers it has cached). Every source is a check; a failing one is `ok: false` and the hub stays ready while another source answers. 503 with the checks when none can. Needs no token.
         */
        get: operations["getReadiness"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v3/mlhub/version": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Version
         * @description The service version, the API (spec) version and the enabled catalog sources. Needs no token.
         */
        get: operations["getVersion"];
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
        Card: {
            id: string;
            sha: string | null;
            /** @description The card's YAML front matter. */
            metadata: {
                [key: string]: unknown;
            };
            /** @description The card's Markdown body, without the front matter. Empty when the source holds no card text (the offline snapshot keeps metadata only). */
            text: string;
            /** @description Which of the recommended card sections the text has. */
            sections: {
                present: string[];
                missing: string[];
            };
        };
        CardEnvelope: {
            /** @constant */
            status: "success";
            message: string;
            version: string;
            result: components["schemas"]["Card"];
            metadata: components["schemas"]["ItemMetadata"];
        };
        DatasetDetails: components["schemas"]["DatasetSummary"] & {
            requestedId: string | null;
            sha: string | null;
            cardData: {
                [key: string]: unknown;
            };
            files: number;
        };
        DatasetEnvelope: {
            /** @constant */
            status: "success";
            message: string;
            version: string;
            result: components["schemas"]["DatasetDetails"];
            metadata: components["schemas"]["ItemMetadata"];
        };
        DatasetFacets: {
            task: components["schemas"]["FacetCounts"];
            size: components["schemas"]["FacetCounts"];
            language: components["schemas"]["FacetCounts"];
            license: components["schemas"]["FacetCounts"];
        };
        DatasetFacetsEnvelope: {
            /** @constant */
            status: "success";
            message: string;
            version: string;
            result: components["schemas"]["DatasetFacets"];
            metadata: components["schemas"]["FacetMetadata"];
        };
        DatasetListEnvelope: {
            /** @constant */
            status: "success";
            message: string;
            version: string;
            result: components["schemas"]["DatasetSummary"][];
            metadata: components["schemas"]["ListMetadata"];
        };
        /** @enum {string} */
        DatasetSizeCategory: "n<1K" | "1K<n<10K" | "10K<n<100K" | "100K<n<1M" | "1M<n<10M" | "10M<n<100M" | "100M<n<1B" | "1B<n<10B" | "10B<n<100B" | "100B<n<1T" | "n>1T";
        /**
         * @default downloads
         * @enum {string}
         */
        DatasetSort: "downloads" | "likes" | "created" | "updated" | "trending" | "id";
        DatasetSummary: {
            id: string;
            author: string | null;
            source: components["schemas"]["SourceName"];
            tags: string[];
            languages: string[];
            license: string | null;
            taskCategories: string[];
            sizeCategories: string[];
            /** @description Benchmark names (Papers with Code ids) the dataset is known as. */
            benchmarks: string[];
            downloads: number;
            likes: number;
            trendingScore: number | null;
            /** Format: date-time */
            createdAt: string | null;
            /** Format: date-time */
            lastModified: string | null;
            gated: components["schemas"]["Gated"];
            private: boolean;
            description: string | null;
        };
        Download: {
            id: string;
            sha: string | null;
            files: components["schemas"]["DownloadLink"][];
        };
        DownloadEnvelope: {
            /** @constant */
            status: "success";
            message: string;
            version: string;
            result: components["schemas"]["Download"];
            metadata: components["schemas"]["ItemMetadata"];
        };
        DownloadLink: {
            path: string;
            size: number | null;
            /** Format: uri */
            url: string;
            source: components["schemas"]["SourceName"];
            sha256: string | null;
        };
        /**
         * @description Stable machine code of an error, in `metadata.code`. The list is closed; clients may switch on it.
         *
         *     | code | HTTP | meaning |
         *     | --- | --- | --- |
         *     | BAD_REQUEST | 400 | the request is malformed (bad JSON, wrong content type) |
         *     | INVALID_PARAMETER | 400 | a query, path or body parameter is unknown or out of range; the message names the allowed values |
         *     | INVALID_ID | 400 | a model or dataset id is malformed (control characters, `..`, empty segments, too long) |
         *     | UNAUTHORIZED | 401 | the Tapis token is missing or invalid; the message says why |
         *     | FORBIDDEN | 403 | the token is valid but may not do this |
         *     | NOT_FOUND | 404 | no such model, dataset, file, server or route |
         *     | METHOD_NOT_ALLOWED | 405 | the path exists but not with this method; `Allow` lists its methods |
         *     | CONFLICT | 409 | the resource is in a state that does not allow this (a server already exists) |
         *     | PAYLOAD_TOO_LARGE | 413 | the request body or header is over its limit |
         *     | RANGE_NOT_SATISFIABLE | 416 | a download's `Range` lies outside the file; `Content-Range` gives its size |
         *     | UNPROCESSABLE | 422 | well-formed but not supported (a generation parameter this backend cannot honour) |
         *     | RATE_LIMITED | 429 | too many requests from this user; see `Retry-After` |
         *     | INTERNAL_ERROR | 500 | a bug on our side; details are in the service log, under the request id |
         *     | UPSTREAM_ERROR | 502 | an upstream (Hugging Face, an inference server) failed or answered garbage |
         *     | SERVICE_UNAVAILABLE | 503 | not ready, overloaded, or an upstream is rate limiting us; see `Retry-After` |
         *     | AUTH_UNAVAILABLE | 503 | the Tapis Tenants API could not be reached to verify the token |
         *     | UPSTREAM_TIMEOUT | 504 | an upstream did not answer within its time budget |
         * @enum {string}
         */
        ErrorCode: "BAD_REQUEST" | "INVALID_PARAMETER" | "INVALID_ID" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "RANGE_NOT_SATISFIABLE" | "UNPROCESSABLE" | "RATE_LIMITED" | "INTERNAL_ERROR" | "UPSTREAM_ERROR" | "SERVICE_UNAVAILABLE" | "AUTH_UNAVAILABLE" | "UPSTREAM_TIMEOUT";
        /** @description The Tapis envelope of every error answer. */
        ErrorEnvelope: {
            /** @constant */
            status: "error";
            /** @description A sentence for people. */
            message: string;
            /** @description The service version. */
            version: string;
            result: null;
            metadata: components["schemas"]["ErrorMetadata"];
        };
        ErrorMetadata: components["schemas"]["Metadata"] & {
            code: components["schemas"]["ErrorCode"];
            /** @description Machine-readable detail, such as the allowed values of a parameter. */
            details?: {
                [key: string]: unknown;
            };
        };
        FacetCount: {
            value: string;
            count: number;
        };
        FacetCounts: components["schemas"]["FacetCount"][];
        FacetMetadata: components["schemas"]["Metadata"] & {
            partial: boolean;
            sources: components["schemas"]["SourceStatus"][];
        };
        /**
         * @description Whether access needs approval on Hugging Face (`auto` or `manual` approval), or `false`.
         * @enum {unknown}
         */
        Gated: false | "auto" | "manual";
        /** @description Generation parameters, named as TGI names them. A value the server cannot honour is rejected with 422. */
        GenerationParameters: {
            /** @default 64 */
            max_new_tokens?: number;
            temperature?: number;
            top_k?: number;
            top_p?: number;
            do_sample?: boolean;
            num_beams?: number;
            repetition_penalty?: number;
            seed?: number;
            stop?: string[];
            /** @description `</s>` cannot be generated before this many tokens (Hugging Face transformers' name); at most `max_new_tokens`. */
            min_new_tokens?: number;
            /** @description Keeps only the last `truncate` tokens of the input (TGI's parameter); without it, an input over the model's limit answers 422. */
            truncate?: number;
        };
        HealthEnvelope: {
            /** @constant */
            status: "success";
            message: string;
            version: string;
            result: {
                /** @constant */
                status: "ok";
                /** @description Each enabled catalog source's last known health, as the readiness checks name them. */
                sources?: components["schemas"]["ReadinessCheck"][];
            };
            metadata: components["schemas"]["Metadata"];
        };
        InferenceAvailability: {
            modelId: string;
            servable: boolean;
            /** @description Why it cannot be served, when it cannot. */
            reason: string | null;
            server: null | components["schemas"]["InferenceServer"];
        };
        InferenceAvailabilityEnvelope: {
            /** @constant */
            status: "success";
            message: string;
            version: string;
            result: components["schemas"]["InferenceAvailability"];
            metadata: components["schemas"]["Metadata"];
        };
        /** @enum {string} */
        InferenceBackend: "local" | "pods";
        InferenceRequest: {
            inputs: string;
            parameters?: components["schemas"]["GenerationParameters"];
            /** @default false */
            stream?: boolean;
        };
        InferenceResult: {
            modelId: string;
            generatedText: string;
            details: {
                /** @enum {string} */
                finishReason: "length" | "eos_token" | "stop_sequence";
                generatedTokens: number;
                inputTokens?: number;
            };
        };
        InferenceResultEnvelope: {
            /** @constant */
            status: "success";
            message: string;
            version: string;
            result: components["schemas"]["InferenceResult"];
            metadata: components["schemas"]["Metadata"];
        };
        InferenceServer: {
            id: string;
            modelId: string;
            state: components["schemas"]["InferenceServerState"];
            backend: components["schemas"]["InferenceBackend"];
            /** @description Base URL of the running server (its TGI / OpenAI-style API); null until running. */
            endpoint: string | null;
            /** @description Why it is in this state (the failure, the pod status). */
            message: string | null;
            createdBy: string;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
        };
        /** @description The error envelope of a 409 that carries the live server. */
        InferenceServerConflictEnvelope: {
            /** @constant */
            status: "error";
            message: string;
            version: string;
            result: components["schemas"]["InferenceServer"];
            metadata: components["schemas"]["ErrorMetadata"];
        };
        InferenceServerEnvelope: {
            /** @constant */
            status: "success";
            message: string;
            version: string;
            result: components["schemas"]["InferenceServer"];
            metadata: components["schemas"]["Metadata"];
        };
        InferenceServerHistoryEnvelope: {
            /** @constant */
            status: "success";
            message: string;
            version: string;
            result: components["schemas"]["InferenceServerStateChange"][];
            metadata: components["schemas"]["Metadata"];
        };
        InferenceServerListEnvelope: {
            /** @constant */
            status: "success";
            message: string;
            version: string;
            result: components["schemas"]["InferenceServer"][];
            metadata: components["schemas"]["ListMetadata"];
        };
        InferenceServerRequest: {
            modelId: string;
            backend?: components["schemas"]["InferenceBackend"];
            /** @description Scale to zero after this long without requests. */
            idleTimeoutSeconds?: number;
        };
        /**
         * @description Modelled on Hugging Face Inference Endpoints.
         * @enum {string}
         */
        InferenceServerState: "pending" | "initializing" | "running" | "failed" | "stopped" | "scaledToZero";
        InferenceServerStateChange: {
            state: components["schemas"]["InferenceServerState"];
            /** Format: date-time */
            at: string;
            /** @description Why (the failure, the restart, the idle stop), when known. */
            message: string | null;
        };
        /** @description Metadata of an answer about one catalog item. */
        ItemMetadata: components["schemas"]["Metadata"] & {
            source?: components["schemas"]["SourceName"];
            /** @description Served from cache because the upstream failed. */
            stale?: boolean;
        };
        /** @description A dataset card; client model `DatasetCard`. */
        LegacyDatasetCard: {
            /** @description The card's YAML header as an object. */
            dataset_metadata?: {
                [key: string]: unknown;
            };
            /** @description The card's Markdown. */
            dataset_card: string;
        };
        /** @description A dataset's files and their download URLs; client model `DatasetDownloadInfo`. */
        LegacyDatasetDownloadInfo: {
            dataset_id: string;
            /** Format: date-time */
            created_at?: string;
            /** Format: date-time */
            last_modified?: string;
            /** @description The revision the links point at. */
            sha: string;
            download_links: components["schemas"]["LegacyDownloadLinks"];
        };
        /** @description One dataset's details; client model `DatasetFullInfo` (the list fields plus these). */
        LegacyDatasetFullInfo: components["schemas"]["LegacyDatasetShortInfo"] & {
            /** @description The card's summary, as Hugging Face reports it. */
            description?: string;
            /** @description The dataset card's YAML header (Hugging Face's `cardData`). */
            card_data?: {
                [key: string]: unknown;
            } | null;
            /** @description How to cite the dataset (BibTeX), from the card. */
            citation?: string | null;
            /** @description The repository's file names (Hugging Face's `siblings[].rfilename`). */
            repository_content?: string[];
            /** @description The repository revision these details describe. */
            sha?: string;
            paperswithcode_id?: string | null;
        };
        /**
         * @description One dataset of a list; client model `DatasetShortInfo`. Field names are the wire names: snake_case,
         *     and `private` (the client reads it into its `_private` property). The client declares every field
         *     optional; the hub always sends `dataset_id` and `private`, and the others when the source knows them.
         */
        LegacyDatasetShortInfo: {
            /** @description The dataset id (`openai/gsm8k`); also the key of the entry in a list. */
            dataset_id: string;
            /** @description Hugging Face's internal object id; absent for datasets only in the local store. */
            _id?: string;
            /** Format: date-time */
            created_at?: string;
            /** Format: date-time */
            last_modified?: string | null;
            author?: string;
            disabled?: boolean | null;
            /** @description Downloads in the last 30 days, as Hugging Face counts them. */
            downloads?: number;
            /**
             * @description True when users must accept conditions to download (Hugging Face's `auto` and `manual` are
             *     both reported as true, since the client types this as a boolean).
             */
            gated?: boolean;
            private: boolean;
            tags?: string[];
        };
        /** @description `{filename: url}`: one download URL per repository file, the file path as key. The clients type it as a plain object. */
        LegacyDownloadLinks: {
            [key: string]: string;
        };
        /**
         * @description The legacy Tapis envelope of a successful answer. The clients declare every field optional
         *     (`RespBasic`); the hub always sends all five. `metadata` is the hub's (the clients type it as a
         *     plain object).
         */
        LegacyEnvelope: {
            /** @constant */
            status: "success";
            /** @description A sentence for people. */
            message: string;
            /** @description The service version. */
            version: string;
            result: unknown;
            metadata: components["schemas"]["Metadata"];
        };
        /** @description The legacy inference request. Any other field is answered 400, never ignored. */
        LegacyInferenceRequest: {
            /** @description The prompt. FLAN-T5 takes instructions such as `Translate English to German: ...`. */
            prompt: string;
        };
        /** @description The generated text of a legacy inference call. */
        LegacyInferenceResult: {
            model_id: string;
            /** @description The generated text, special tokens removed. */
            generated_text: string;
        };
        /** @description A model card; client model `ModelCard`. */
        LegacyModelCard: {
            /** @description The card's YAML header as an object. */
            model_metadata?: {
                [key: string]: unknown;
            };
            /** @description The card's Markdown. */
            model_card: string;
        };
        /** @description A model's files and their download URLs; client model `ModelDownloadInfo`. */
        LegacyModelDownloadInfo: {
            model_id: string;
            /** Format: date-time */
            created_at?: string;
            /** Format: date-time */
            last_modified?: string;
            /** @description The revision the links point at. */
            sha: string;
            download_links: components["schemas"]["LegacyDownloadLinks"];
        };
        /** @description One model's details; client model `ModelFullInfo` (the list fields plus these). */
        LegacyModelFullInfo: components["schemas"]["LegacyModelShortInfo"] & {
            /** @description The model card's YAML header (Hugging Face's `cardData`). */
            card_data?: {
                [key: string]: unknown;
            } | null;
            /** @description The parts of `config.json` Hugging Face reports (`architectures`, `model_type`, ...). */
            config?: {
                [key: string]: unknown;
            };
            /** @description Evaluation results (Hugging Face's `model-index`). */
            model_index?: {
                [key: string]: unknown;
            }[] | null;
            /** @description The repository's file names (Hugging Face's `siblings[].rfilename`). */
            repository_content?: string[];
            /** @description The repository revision these details describe. */
            sha?: string;
            transformers_info?: components["schemas"]["LegacyTransformersInfo"] | null;
            /** @description Example inputs from the model card (Hugging Face's `widgetData`). */
            widget_data?: {
                [key: string]: unknown;
            }[] | null;
        };
        /** @description A running inference server of a model; client model `ModelServerInfo`. */
        LegacyModelServerInfo: {
            model_id: string;
            /**
             * Format: uri
             * @description The hub's URL that takes the legacy body `{"prompt"}` (`runLegacyInference`), on the hub's
             *     public origin; never the inference server's own address, which may be a loopback port.
             */
            inference_endpoint: string;
            /** @description Example request bodies for `inference_endpoint`, from the model's widget examples. */
            prompt_example?: {
                [key: string]: unknown;
            }[];
            transformers_info?: components["schemas"]["LegacyTransformersInfo"];
        };
        /** @description Whether an inference server could be started for a model; client model `ModelServerPossible`. */
        LegacyModelServerPossible: {
            model_id: string;
            inference_server_possible: boolean;
            transformers_info?: components["schemas"]["LegacyTransformersInfo"] | null;
        };
        /**
         * @description One model of a list; client model `ModelShortInfo`. Field names are the wire names: snake_case,
         *     and `private` (the client reads it into its `_private` property). The client declares every field
         *     optional; the hub always sends `model_id` and `private`, and the others when the source knows them.
         */
        LegacyModelShortInfo: {
            /** @description The model id (`google/flan-t5-small`, `gpt2`); also the key of the entry in a list. */
            model_id: string;
            /** @description Hugging Face's internal object id; absent for models only in the local store. */
            _id?: string;
            /** Format: date-time */
            created_at?: string;
            /** Format: date-time */
            last_modified?: string | null;
            /** @description The owner, the part of the id before the slash. */
            author?: string;
            disabled?: boolean | null;
            /** @description Downloads in the last 30 days, as Hugging Face counts them. */
            downloads?: number;
            /**
             * @description True when users must accept conditions to download (Hugging Face's `auto` and `manual` are
             *     both reported as true, since the client types this as a boolean).
             */
            gated?: boolean;
            /** @description The main library (`transformers`). */
            library_name?: string;
            /**
             * @description The task; omitted when unknown. FLAN-T5-style models report `text2text-generation`, the task
             *     the legacy clients filter by (Hugging Face files them under `text-generation` now).
             */
            pipeline_tag?: string;
            private: boolean;
            tags?: string[];
        };
        /** @description Client model `RespDataset`. */
        LegacyRespDataset: components["schemas"]["LegacyEnvelope"] & {
            result: components["schemas"]["LegacyDatasetFullInfo"];
        };
        /** @description Client model `RespDatasetCard`. */
        LegacyRespDatasetCard: components["schemas"]["LegacyEnvelope"] & {
            result: components["schemas"]["LegacyDatasetCard"];
        };
        /** @description Client model `RespDatasetDownload`. */
        LegacyRespDatasetDownload: components["schemas"]["LegacyEnvelope"] & {
            result: components["schemas"]["LegacyDatasetDownloadInfo"];
        };
        /**
         * @description A list of datasets: `result` is an OBJECT keyed by dataset id (not an array), most downloaded
         *     first in key order; client model `RespDatasetsObject`. No pagination: at most 100 entries.
         */
        LegacyRespDatasetsObject: components["schemas"]["LegacyEnvelope"] & {
            result: {
                [key: string]: components["schemas"]["LegacyDatasetShortInfo"];
            };
        };
        /** @description The envelope of a legacy inference call. */
        LegacyRespInference: components["schemas"]["LegacyEnvelope"] & {
            result: components["schemas"]["LegacyInferenceResult"];
        };
        /** @description Client model `RespModel`. */
        LegacyRespModel: components["schemas"]["LegacyEnvelope"] & {
            result: components["schemas"]["LegacyModelFullInfo"];
        };
        /** @description Client model `RespModelCard`. */
        LegacyRespModelCard: components["schemas"]["LegacyEnvelope"] & {
            result: components["schemas"]["LegacyModelCard"];
        };
        /** @description Client model `RespModelDownload`. */
        LegacyRespModelDownload: components["schemas"]["LegacyEnvelope"] & {
            result: components["schemas"]["LegacyModelDownloadInfo"];
        };
        /** @description Client model `RespModelServer`. */
        LegacyRespModelServer: components["schemas"]["LegacyEnvelope"] & {
            result: components["schemas"]["LegacyModelServerInfo"];
        };
        /**
         * @description The error answer of `legacyGetModelInferenceServer` when no server runs: the hub's error envelope
         *     with the model's `ModelServerPossible` in `result`; client model `RespModelServerError`.
         */
        LegacyRespModelServerError: {
            /** @constant */
            status: "error";
            message: string;
            version: string;
            result: components["schemas"]["LegacyModelServerPossible"];
            metadata: components["schemas"]["ErrorMetadata"];
        };
        /**
         * @description A list of models: `result` is an OBJECT keyed by model id (not an array), most downloaded first
         *     in key order; client model `RespModelsObject`. No pagination: at most 100 entries.
         */
        LegacyRespModelsObject: components["schemas"]["LegacyEnvelope"] & {
            result: {
                [key: string]: components["schemas"]["LegacyModelShortInfo"];
            };
        };
        /** @description How transformers loads the model (Hugging Face's `transformersInfo`); client model `TransformersInfo`. */
        LegacyTransformersInfo: {
            /** @description The `AutoModel` class (`AutoModelForSeq2SeqLM`). */
            auto_model?: string | null;
            /** @description A custom model class, when the repository ships one. */
            custom_class?: string | null;
            /** @description The transformers pipeline (`text2text-generation`). */
            pipeline_tag?: string | null;
            /** @description The processor class (`AutoTokenizer`). */
            processor?: string | null;
        };
        /** @description Pagination and federation metadata of a list answer. */
        ListMetadata: components["schemas"]["Metadata"] & {
            limit: number;
            /** @description How many items match across all sources, when known. */
            total: number | null;
            /** @description Opaque cursor of the next page; null on the last page. */
            nextCursor: string | null;
            /** @description True when a source failed and its items are missing. */
            partial: boolean;
            sources: components["schemas"]["SourceStatus"][];
        };
        /** @description Metadata every envelope carries. */
        Metadata: {
            /** @description The id of this request, also in the `X-Request-Id` response header. */
            requestId: string;
        };
        ModelDetails: components["schemas"]["ModelSummary"] & {
            /** @description The id the request named, when it differs from the canonical `id` (a renamed repository). */
            requestedId: string | null;
            /** @description Commit sha the answer (and its files and downloads) is pinned to. */
            sha: string | null;
            /** @description `config.model_type` (`t5`). */
            modelType: string | null;
            architectures: string[];
            /** @description The card's YAML metadata. */
            cardData: {
                [key: string]: unknown;
            };
            /** @description How many files the repository holds. */
            files: number;
        };
        ModelEnvelope: {
            /** @constant */
            status: "success";
            message: string;
            version: string;
            result: components["schemas"]["ModelDetails"];
            metadata: components["schemas"]["ItemMetadata"];
        };
        ModelFacets: {
            task: components["schemas"]["FacetCounts"];
            library: components["schemas"]["FacetCounts"];
            language: components["schemas"]["FacetCounts"];
            license: components["schemas"]["FacetCounts"];
        };
        ModelFacetsEnvelope: {
            /** @constant */
            status: "success";
            message: string;
            version: string;
            result: components["schemas"]["ModelFacets"];
            metadata: components["schemas"]["FacetMetadata"];
        };
        ModelListEnvelope: {
            /** @constant */
            status: "success";
            message: string;
            version: string;
            result: components["schemas"]["ModelSummary"][];
            metadata: components["schemas"]["ListMetadata"];
        };
        ModelPull: {
            id: string;
            modelId: string;
            revision: string;
            dtype: components["schemas"]["ModelPullDtype"];
            state: components["schemas"]["ModelPullState"];
            bytesDone: number;
            /** @description Sum of the files' sizes; null until the hub's file list is read. */
            bytesTotal: number | null;
            files: components["schemas"]["ModelPullFile"][];
            /** @description Why it failed, when it did. */
            message: string | null;
            createdBy: string;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
        };
        /** @description The error envelope of a 409 that carries the pull under way. */
        ModelPullConflictEnvelope: {
            /** @constant */
            status: "error";
            message: string;
            version: string;
            result: components["schemas"]["ModelPull"];
            metadata: components["schemas"]["ErrorMetadata"];
        };
        /**
         * @description Which ONNX files to pull; `fp32` `onnx/*_model.onnx`, `q8` the `*_quantized.onnx` twins, `both` both.
         * @enum {string}
         */
        ModelPullDtype: "fp32" | "q8" | "both";
        ModelPullEnvelope: {
            /** @constant */
            status: "success";
            message: string;
            version: string;
            result: components["schemas"]["ModelPull"];
            metadata: components["schemas"]["Metadata"];
        };
        ModelPullFile: {
            path: string;
            /** @description Size in bytes, from the hub's tree answer. */
            size: number;
            bytesDone: number;
            /** @description The `lfs.oid` the file is checked against; null for small files that are not in LFS (checked by size). */
            sha256: string | null;
            done: boolean;
        };
        ModelPullRequest: {
            modelId: string;
            /**
             * @description Branch, tag or commit on the hub.
             * @default main
             */
            revision?: string;
            dtype?: components["schemas"]["ModelPullDtype"];
        };
        /** @enum {string} */
        ModelPullState: "queued" | "downloading" | "verifying" | "done" | "failed";
        /**
         * @default downloads
         * @enum {string}
         */
        ModelSort: "downloads" | "likes" | "created" | "updated" | "trending" | "id";
        ModelSummary: {
            /** @description Canonical id (`google/flan-t5-small`, `gpt2`). */
            id: string;
            author: string | null;
            source: components["schemas"]["SourceName"];
            /** @description The task (`text2text-generation`). */
            pipelineTag: string | null;
            library: string | null;
            tags: string[];
            languages: string[];
            license: string | null;
            /** @description Ids of the datasets it was trained on. */
            datasets: string[];
            /** @description Downloads over the last 30 days. */
            downloads: number;
            likes: number;
            trendingScore: number | null;
            /** Format: date-time */
            createdAt: string | null;
            /** Format: date-time */
            lastModified: string | null;
            gated: components["schemas"]["Gated"];
            private: boolean;
            /** @description Whether this hub's FLAN-T5 inference server can run it (a T5-architecture model, `config.model_type` t5, whose task is text2text-generation). Serving also needs its ONNX weights in the model store. */
            servable: boolean;
            /** @description Parameter count, when known. */
            parameters: number | null;
            /** @description Bytes the repository uses, when known. */
            storageBytes: number | null;
            baseModel: string | null;
        };
        ReadinessCheck: {
            name: string;
            ok: boolean;
            detail?: string;
        };
        ReadinessEnvelope: {
            /** @constant */
            status: "success";
            message: string;
            version: string;
            result: {
                ready: boolean;
                checks: components["schemas"]["ReadinessCheck"][];
            };
            metadata: components["schemas"]["Metadata"];
        };
        RepoFile: {
            path: string;
            size: number | null;
            /** @description Git blob id. */
            oid: string | null;
            lfs: null | {
                /** @description SHA-256 of the file content. */
                oid: string;
                size: number;
                pointerSize?: number;
            };
        };
        RepoFiles: {
            id: string;
            sha: string | null;
            files: components["schemas"]["RepoFile"][];
        };
        RepoFilesEnvelope: {
            /** @constant */
            status: "success";
            message: string;
            version: string;
            result: components["schemas"]["RepoFiles"];
            metadata: components["schemas"]["ItemMetadata"];
        };
        Snippet: {
            id: string;
            title: string;
            /** @description Language of the snippet (`python`, `js`, `sh`). */
            language: string;
            content: string;
        };
        SnippetsEnvelope: {
            /** @constant */
            status: "success";
            message: string;
            version: string;
            result: components["schemas"]["Snippet"][];
            metadata: components["schemas"]["Metadata"];
        };
        /**
         * @description Where a catalog entry came from.
         * @enum {string}
         */
        SourceName: "huggingface" | "snapshot" | "store";
        SourceStatus: {
            source: components["schemas"]["SourceName"];
            ok: boolean;
            /** @description The answer came from cache because the source failed. */
            stale?: boolean;
            /** @description Why the source failed, when it did. */
            error?: string;
        };
        VersionEnvelope: {
            /** @constant */
            status: "success";
            message: string;
            version: string;
            result: {
                service: string;
                api: string;
                sources: components["schemas"]["SourceName"][];
            };
            metadata: components["schemas"]["Metadata"];
        };
    };
    responses: {
        /** @description An upstream failed or answered garbage. */
        BadGateway: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "status": "error",
                 *       "message": "Hugging Face answered 500",
                 *       "version": "1.0.0",
                 *       "result": null,
                 *       "metadata": {
                 *         "code": "UPSTREAM_ERROR",
                 *         "requestId": "req-3f32"
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["ErrorEnvelope"];
            };
        };
        /** @description The request is malformed or a parameter is invalid (`BAD_REQUEST`, `INVALID_PARAMETER`, `INVALID_ID`). */
        BadRequest: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "status": "error",
                 *       "message": "Invalid parameter 'sort': must be one of downloads, likes, created, updated, trending, id",
                 *       "version": "1.0.0",
                 *       "result": null,
                 *       "metadata": {
                 *         "code": "INVALID_PARAMETER",
                 *         "requestId": "req-3f2a",
                 *         "details": {
                 *           "parameter": "sort",
                 *           "allowed": [
                 *             "downloads",
                 *             "likes",
                 *             "created",
                 *             "updated",
                 *             "trending",
                 *             "id"
                 *           ]
                 *         }
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["ErrorEnvelope"];
            };
        };
        /** @description The resource's state does not allow this. */
        Conflict: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "status": "error",
                 *       "message": "An inference server for 'google/flan-t5-small' is already running",
                 *       "version": "1.0.0",
                 *       "result": null,
                 *       "metadata": {
                 *         "code": "CONFLICT",
                 *         "requestId": "req-3f2e"
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["ErrorEnvelope"];
            };
        };
        /** @description The token is valid but may not do this. */
        Forbidden: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "status": "error",
                 *       "message": "Only the user who created this inference server may stop it",
                 *       "version": "1.0.0",
                 *       "result": null,
                 *       "metadata": {
                 *         "code": "FORBIDDEN",
                 *         "requestId": "req-3f2c"
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["ErrorEnvelope"];
            };
        };
        /** @description An upstream did not answer within its time budget. */
        GatewayTimeout: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "status": "error",
                 *       "message": "Hugging Face did not answer within 5000 ms",
                 *       "version": "1.0.0",
                 *       "result": null,
                 *       "metadata": {
                 *         "code": "UPSTREAM_TIMEOUT",
                 *         "requestId": "req-3f34"
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["ErrorEnvelope"];
            };
        };
        /** @description The model already has a live inference server; it is in `result`. */
        InferenceServerConflict: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "status": "error",
                 *       "message": "An inference server for 'google/flan-t5-small' is already running",
                 *       "version": "1.2.0",
                 *       "result": {
                 *         "id": "srv-7f3a9c",
                 *         "modelId": "google/flan-t5-small",
                 *         "state": "running",
                 *         "backend": "local",
                 *         "endpoint": "http://127.0.0.1:41234",
                 *         "message": null,
                 *         "createdBy": "jdoe",
                 *         "createdAt": "2026-11-27T15:00:00.000Z",
                 *         "updatedAt": "2026-11-27T15:00:09.000Z"
                 *       },
                 *       "metadata": {
                 *         "code": "CONFLICT",
                 *         "requestId": "req-3f2e"
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["InferenceServerConflictEnvelope"];
            };
        };
        /** @description A bug on our side; details are in the service log, under the request id (`INTERNAL_ERROR`). */
        InternalError: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "status": "error",
                 *       "message": "Internal error; quote request id req-3f35 when reporting it",
                 *       "version": "1.0.0",
                 *       "result": null,
                 *       "metadata": {
                 *         "code": "INTERNAL_ERROR",
                 *         "requestId": "req-3f35"
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["ErrorEnvelope"];
            };
        };
        /** @description The datasets of the size category keyed by id, most downloaded first. */
        LegacyDatasets10KTo100K: {
            headers: {
                "X-Request-Id": components["headers"]["RequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["LegacyRespDatasetsObject"];
            };
        };
        /** @description The author's datasets keyed by id, most downloaded first. */
        LegacyDatasetsByDeepmind: {
            headers: {
                "X-Request-Id": components["headers"]["RequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["LegacyRespDatasetsObject"];
            };
        };
        /** @description Datasets keyed by id, most downloaded first. */
        LegacyDatasetsList: {
            headers: {
                "X-Request-Id": components["headers"]["RequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["LegacyRespDatasetsObject"];
            };
        };
        /** @description The matching datasets keyed by id, most downloaded first. */
        LegacyDatasetsMath: {
            headers: {
                "X-Request-Id": components["headers"]["RequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["LegacyRespDatasetsObject"];
            };
        };
        /** @description The datasets of the task keyed by id, most downloaded first. */
        LegacyDatasetsTranslation: {
            headers: {
                "X-Request-Id": components["headers"]["RequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["LegacyRespDatasetsObject"];
            };
        };
        /** @description The author's models keyed by id, most downloaded first. */
        LegacyModelsByAuthor: {
            headers: {
                "X-Request-Id": components["headers"]["RequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["LegacyRespModelsObject"];
            };
        };
        /** @description The models of the language keyed by id, most downloaded first. */
        LegacyModelsEnglish: {
            headers: {
                "X-Request-Id": components["headers"]["RequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["LegacyRespModelsObject"];
            };
        };
        /** @description The models whose id contains the query, keyed by id, most downloaded first. */
        LegacyModelsFlanT5Search: {
            headers: {
                "X-Request-Id": components["headers"]["RequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["LegacyRespModelsObject"];
            };
        };
        /** @description Models keyed by id, most downloaded first. */
        LegacyModelsList: {
            headers: {
                "X-Request-Id": components["headers"]["RequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["LegacyRespModelsObject"];
            };
        };
        /** @description The matching models keyed by id, most downloaded first. */
        LegacyModelsText2Text: {
            headers: {
                "X-Request-Id": components["headers"]["RequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["LegacyRespModelsObject"];
            };
        };
        /** @description The models trained on the dataset keyed by id, most downloaded first. */
        LegacyModelsTrainedOnGsm8k: {
            headers: {
                "X-Request-Id": components["headers"]["RequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["LegacyRespModelsObject"];
            };
        };
        /** @description A pull of this model is already under way; it is in `result`. */
        ModelPullConflict: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "status": "error",
                 *       "message": "A pull of 'Xenova/flan-t5-small' is already under way",
                 *       "version": "1.2.0",
                 *       "result": {
                 *         "id": "pull-5c1e2a",
                 *         "modelId": "Xenova/flan-t5-small",
                 *         "revision": "main",
                 *         "dtype": "q8",
                 *         "state": "downloading",
                 *         "bytesDone": 41943040,
                 *         "bytesTotal": 154339328,
                 *         "files": [],
                 *         "message": null,
                 *         "createdBy": "jdoe",
                 *         "createdAt": "2026-11-27T15:00:00.000Z",
                 *         "updatedAt": "2026-11-27T15:00:21.000Z"
                 *       },
                 *       "metadata": {
                 *         "code": "CONFLICT",
                 *         "requestId": "req-3f2f"
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["ModelPullConflictEnvelope"];
            };
        };
        /** @description No such resource. */
        NotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "status": "error",
                 *       "message": "Model 'nobody/nothing' not found",
                 *       "version": "1.0.0",
                 *       "result": null,
                 *       "metadata": {
                 *         "code": "NOT_FOUND",
                 *         "requestId": "req-3f2d"
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["ErrorEnvelope"];
            };
        };
        /** @description The answer has not changed since the `ETag` sent in `If-None-Match`. */
        NotModified: {
            headers: {
                ETag: components["headers"]["ETag"];
                [name: string]: unknown;
            };
            content?: never;
        };
        /** @description The request body or a header is over its limit. */
        PayloadTooLarge: {
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
                 *         "code": "PAYLOAD_TOO_LARGE",
                 *         "requestId": "req-3f2f"
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["ErrorEnvelope"];
            };
        };
        /** @description Not ready, overloaded, an upstream is rate limiting us, or the Tenants API is unreachable. */
        ServiceUnavailable: {
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
                 *         "code": "AUTH_UNAVAILABLE",
                 *         "requestId": "req-3f33"
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["ErrorEnvelope"];
            };
        };
        /** @description Too many requests from this user. */
        TooManyRequests: {
            headers: {
                "Retry-After": components["headers"]["RetryAfter"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "status": "error",
                 *       "message": "Rate limit exceeded, retry in 12 seconds",
                 *       "version": "1.0.0",
                 *       "result": null,
                 *       "metadata": {
                 *         "code": "RATE_LIMITED",
                 *         "requestId": "req-3f31"
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["ErrorEnvelope"];
            };
        };
        /** @description The Tapis token is missing or invalid. */
        Unauthorized: {
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
                 *         "code": "UNAUTHORIZED",
                 *         "requestId": "req-3f2b"
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["ErrorEnvelope"];
            };
        };
        /** @description Well-formed, but not supported here. */
        Unprocessable: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "status": "error",
                 *       "message": "Parameter 'num_beams' > 1 is not supported by this inference server; use num_beams: 1",
                 *       "version": "1.0.0",
                 *       "result": null,
                 *       "metadata": {
                 *         "code": "UNPROCESSABLE",
                 *         "requestId": "req-3f30"
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["ErrorEnvelope"];
            };
        };
    };
    parameters: {
        /** @description The owner (the part of the id before the slash). */
        Author: string;
        /** @description The opaque `metadata.nextCursor` of the previous page. */
        Cursor: string;
        /**
         * @description The dataset id as ONE path segment, its slash percent-encoded (`openai%2Fgsm8k`), or a bare id (`squad`).
         * @example openai/gsm8k
         */
        DatasetId: string;
        /** @description Sort direction. */
        Direction: "asc" | "desc";
        /** @description An `ETag` of an earlier answer; the hub answers 304 when it still holds. */
        IfNoneMatch: string;
        /** @description ISO 639-1 language code (`en`). */
        Language: string;
        /**
         * @description The owner, the part of a model id before the slash (`google`); case-sensitive.
         * @example google
         */
        LegacyAuthorId: string;
        /**
         * @description The owner, the part of a dataset id before the slash (`deepmind`); case-sensitive.
         * @example deepmind
         */
        LegacyDatasetAuthorId: string;
        /**
         * @description The dataset id as ONE path segment: its slash percent-encoded (`openai%2Fgsm8k`), which is what
         *     the published client sends (it runs the id through `encodeURIComponent`), or a bare id (`gsm8k`,
         *     resolved to its canonical id `openai/gsm8k`). The raw form (`openai/gsm8k`) is accepted too, except
         *     where it reads as another legacy path (an owner named `search`, `authors`, `languages`, `tasks` or
         *     `size-categories`).
         */
        LegacyDatasetId: string;
        /**
         * @description An ISO 639-1 language code (`en`), as the datasets' `language:` tags have it.
         * @example en
         */
        LegacyDatasetLanguageName: string;
        /**
         * @description Case-insensitive substring of the id (owner or name), as ONE path segment: a slash in it is
         *     percent-encoded (`openai%2Fgsm`).
         * @example math
         */
        LegacyDatasetQuery: string;
        /**
         * @description A Hugging Face task category, case-sensitive (`translation`, `question-answering`).
         * @example translation
         */
        LegacyDatasetTaskType: string;
        /**
         * @description An ISO 639-1 language code (`en`), as the models' language tags have it.
         * @example en
         */
        LegacyLanguageName: string;
        /**
         * @description A library, as Hugging Face names it (`transformers`, `pytorch`, `safetensors`); case-insensitive.
         * @example transformers
         */
        LegacyLibraryName: string;
        /**
         * @description The model id as ONE path segment: its slash percent-encoded (`google%2Fflan-t5-small`), which is
         *     what the published client sends (it runs the id through `encodeURIComponent`), or a bare id
         *     (`gpt2`). The raw form (`google/flan-t5-small`) is accepted too, except where it reads as another
         *     legacy path (an owner named `authors`, `tasks`, `languages`, `libraries` or `trained_datasets`).
         */
        LegacyModelId: string;
        /**
         * @description Case-insensitive substring of the id (owner or name), as ONE path segment: a slash in it is
         *     percent-encoded (`google%2Fflan`).
         * @example flan-t5
         */
        LegacyQuery: string;
        /**
         * @description A Hugging Face size category (`n<1K`, `1K<n<10K`, `10K<n<100K`, ... `n>1T`), as ONE path segment
         *     with `<` and `>` percent-encoded (`10K%3Cn%3C100K`), as the client's `encodeURIComponent` sends it.
         * @example 10K<n<100K
         */
        LegacySizeCategory: string;
        /**
         * @description A Hugging Face task (`pipeline_tag`), case-sensitive (`text2text-generation`, `summarization`).
         * @example text2text-generation
         */
        LegacyTaskType: string;
        /**
         * @description The id of the dataset the models were trained on, as the models' `dataset:` tag has it (`gsm8k`,
         *     `deepmind/code_contests`). A dataset id with a slash travels as ONE path segment, its slash
         *     percent-encoded (`deepmind%2Fcode_contests`), as the client's `encodeURIComponent` sends it.
         * @example gsm8k
         */
        LegacyTrainedDataset: string;
        /** @description License id as Hugging Face tags it (`apache-2.0`, `mit`). */
        License: string;
        /** @description Page size. */
        Limit: number;
        /** @description The model id as ONE path segment, its slash percent-encoded (`google%2Fflan-t5-small`), or a bare id (`gpt2`). */
        ModelId: string;
        /** @description A commit sha (or branch) of the repository; defaults to the one the details came from. */
        Revision: string;
        /** @description Case-insensitive substring of the id (author or name). */
        Search: string;
        /** @description Tags every item must have, comma separated. */
        Tags: string[];
    };
    requestBodies: never;
    headers: {
        /** @description Hex SHA-256 of the whole file. */
        ContentSha256: string;
        /** @description Entity tag of the answer, for `If-None-Match`. */
        ETag: string;
        /** @description The request id, also in `metadata.requestId`. */
        RequestId: string;
        /** @description Seconds to wait before trying again. */
        RetryAfter: number;
    };
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    legacyListModelsByAuthorOld: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The owner, the part of a model id before the slash (`google`); case-sensitive.
                 * @example google
                 */
                authorId: components["parameters"]["LegacyAuthorId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["LegacyModelsByAuthor"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            502: components["responses"]["BadGateway"];
            503: components["responses"]["ServiceUnavailable"];
            504: components["responses"]["GatewayTimeout"];
        };
    };
    legacyGetDatasetCard: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The dataset id as ONE path segment: its slash percent-encoded (`openai%2Fgsm8k`), which is what
                 *     the published client sends (it runs the id through `encodeURIComponent`), or a bare id (`gsm8k`,
                 *     resolved to its canonical id `openai/gsm8k`). The raw form (`openai/gsm8k`) is accepted too, except
                 *     where it reads as another legacy path (an owner named `search`, `authors`, `languages`, `tasks` or
                 *     `size-categories`).
                 */
                datasetId: components["parameters"]["LegacyDatasetId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The dataset card. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LegacyRespDatasetCard"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            502: components["responses"]["BadGateway"];
            503: components["responses"]["ServiceUnavailable"];
            504: components["responses"]["GatewayTimeout"];
        };
    };
    legacyListDatasets: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["LegacyDatasetsList"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            502: components["responses"]["BadGateway"];
            503: components["responses"]["ServiceUnavailable"];
            504: components["responses"]["GatewayTimeout"];
        };
    };
    legacyGetDataset: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The dataset id as ONE path segment: its slash percent-encoded (`openai%2Fgsm8k`), which is what
                 *     the published client sends (it runs the id through `encodeURIComponent`), or a bare id (`gsm8k`,
                 *     resolved to its canonical id `openai/gsm8k`). The raw form (`openai/gsm8k`) is accepted too, except
                 *     where it reads as another legacy path (an owner named `search`, `authors`, `languages`, `tasks` or
                 *     `size-categories`).
                 */
                datasetId: components["parameters"]["LegacyDatasetId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The dataset. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LegacyRespDataset"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            502: components["responses"]["BadGateway"];
            503: components["responses"]["ServiceUnavailable"];
            504: components["responses"]["GatewayTimeout"];
        };
    };
    legacyListDatasetsByAuthor: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The owner, the part of a dataset id before the slash (`deepmind`); case-sensitive.
                 * @example deepmind
                 */
                authorId: components["parameters"]["LegacyDatasetAuthorId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["LegacyDatasetsByDeepmind"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            502: components["responses"]["BadGateway"];
            503: components["responses"]["ServiceUnavailable"];
            504: components["responses"]["GatewayTimeout"];
        };
    };
    legacyListDatasetsByLanguage: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description An ISO 639-1 language code (`en`), as the datasets' `language:` tags have it.
                 * @example en
                 */
                languageName: components["parameters"]["LegacyDatasetLanguageName"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["LegacyDatasetsList"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            502: components["responses"]["BadGateway"];
            503: components["responses"]["ServiceUnavailable"];
            504: components["responses"]["GatewayTimeout"];
        };
    };
    legacyListDatasetsByQuery: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Case-insensitive substring of the id (owner or name), as ONE path segment: a slash in it is
                 *     percent-encoded (`openai%2Fgsm`).
                 * @example math
                 */
                query: components["parameters"]["LegacyDatasetQuery"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["LegacyDatasetsMath"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            502: components["responses"]["BadGateway"];
            503: components["responses"]["ServiceUnavailable"];
            504: components["responses"]["GatewayTimeout"];
        };
    };
    legacyListDatasetsBySizeCategory: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description A Hugging Face size category (`n<1K`, `1K<n<10K`, `10K<n<100K`, ... `n>1T`), as ONE path segment
                 *     with `<` and `>` percent-encoded (`10K%3Cn%3C100K`), as the client's `encodeURIComponent` sends it.
                 * @example 10K<n<100K
                 */
                sizeCategory: components["parameters"]["LegacySizeCategory"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["LegacyDatasets10KTo100K"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            502: components["responses"]["BadGateway"];
            503: components["responses"]["ServiceUnavailable"];
            504: components["responses"]["GatewayTimeout"];
        };
    };
    legacyListDatasetsByTask: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description A Hugging Face task category, case-sensitive (`translation`, `question-answering`).
                 * @example translation
                 */
                taskType: components["parameters"]["LegacyDatasetTaskType"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["LegacyDatasetsTranslation"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            502: components["responses"]["BadGateway"];
            503: components["responses"]["ServiceUnavailable"];
            504: components["responses"]["GatewayTimeout"];
        };
    };
    legacyDownloadDataset: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The dataset id as ONE path segment: its slash percent-encoded (`openai%2Fgsm8k`), which is what
                 *     the published client sends (it runs the id through `encodeURIComponent`), or a bare id (`gsm8k`,
                 *     resolved to its canonical id `openai/gsm8k`). The raw form (`openai/gsm8k`) is accepted too, except
                 *     where it reads as another legacy path (an owner named `search`, `authors`, `languages`, `tasks` or
                 *     `size-categories`).
                 */
                datasetId: components["parameters"]["LegacyDatasetId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The dataset's files and where to download them. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LegacyRespDatasetDownload"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            502: components["responses"]["BadGateway"];
            503: components["responses"]["ServiceUnavailable"];
            504: components["responses"]["GatewayTimeout"];
        };
    };
    legacyDownloadModel: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The model id as ONE path segment: its slash percent-encoded (`google%2Fflan-t5-small`), which is
                 *     what the published client sends (it runs the id through `encodeURIComponent`), or a bare id
                 *     (`gpt2`). The raw form (`google/flan-t5-small`) is accepted too, except where it reads as another
                 *     legacy path (an owner named `authors`, `tasks`, `languages`, `libraries` or `trained_datasets`).
                 */
                modelId: components["parameters"]["LegacyModelId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The model's files and where to download them. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LegacyRespModelDownload"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            502: components["responses"]["BadGateway"];
            503: components["responses"]["ServiceUnavailable"];
            504: components["responses"]["GatewayTimeout"];
        };
    };
    legacyListModelsByLanguageOld: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description An ISO 639-1 language code (`en`), as the models' language tags have it.
                 * @example en
                 */
                languageName: components["parameters"]["LegacyLanguageName"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["LegacyModelsEnglish"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            502: components["responses"]["BadGateway"];
            503: components["responses"]["ServiceUnavailable"];
            504: components["responses"]["GatewayTimeout"];
        };
    };
    legacyListModelsByLibraryOld: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description A library, as Hugging Face names it (`transformers`, `pytorch`, `safetensors`); case-insensitive.
                 * @example transformers
                 */
                libraryName: components["parameters"]["LegacyLibraryName"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["LegacyModelsList"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            502: components["responses"]["BadGateway"];
            503: components["responses"]["ServiceUnavailable"];
            504: components["responses"]["GatewayTimeout"];
        };
    };
    legacyGetModelCard: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The model id as ONE path segment: its slash percent-encoded (`google%2Fflan-t5-small`), which is
                 *     what the published client sends (it runs the id through `encodeURIComponent`), or a bare id
                 *     (`gpt2`). The raw form (`google/flan-t5-small`) is accepted too, except where it reads as another
                 *     legacy path (an owner named `authors`, `tasks`, `languages`, `libraries` or `trained_datasets`).
                 */
                modelId: components["parameters"]["LegacyModelId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The model card. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LegacyRespModelCard"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            502: components["responses"]["BadGateway"];
            503: components["responses"]["ServiceUnavailable"];
            504: components["responses"]["GatewayTimeout"];
        };
    };
    legacyListModels: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["LegacyModelsList"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            502: components["responses"]["BadGateway"];
            503: components["responses"]["ServiceUnavailable"];
            504: components["responses"]["GatewayTimeout"];
        };
    };
    legacyGetModel: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The model id as ONE path segment: its slash percent-encoded (`google%2Fflan-t5-small`), which is
                 *     what the published client sends (it runs the id through `encodeURIComponent`), or a bare id
                 *     (`gpt2`). The raw form (`google/flan-t5-small`) is accepted too, except where it reads as another
                 *     legacy path (an owner named `authors`, `tasks`, `languages`, `libraries` or `trained_datasets`).
                 */
                modelId: components["parameters"]["LegacyModelId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The model. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LegacyRespModel"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            502: components["responses"]["BadGateway"];
            503: components["responses"]["ServiceUnavailable"];
            504: components["responses"]["GatewayTimeout"];
        };
    };
    legacyGetModelInferenceServer: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The model id as ONE path segment: its slash percent-encoded (`google%2Fflan-t5-small`), which is
                 *     what the published client sends (it runs the id through `encodeURIComponent`), or a bare id
                 *     (`gpt2`). The raw form (`google/flan-t5-small`) is accepted too, except where it reads as another
                 *     legacy path (an owner named `authors`, `tasks`, `languages`, `libraries` or `trained_datasets`).
                 */
                modelId: components["parameters"]["LegacyModelId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The model's running inference server. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LegacyRespModelServer"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            /** @description No such model, or no inference server can be started for it. */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"] | components["schemas"]["LegacyRespModelServerError"];
                };
            };
            /** @description An inference server can be started for this model, but none is running. */
            422: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LegacyRespModelServerError"];
                };
            };
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            502: components["responses"]["BadGateway"];
            503: components["responses"]["ServiceUnavailable"];
            504: components["responses"]["GatewayTimeout"];
        };
    };
    legacyListModelsByAuthor: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The owner, the part of a model id before the slash (`google`); case-sensitive.
                 * @example google
                 */
                authorId: components["parameters"]["LegacyAuthorId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["LegacyModelsByAuthor"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            502: components["responses"]["BadGateway"];
            503: components["responses"]["ServiceUnavailable"];
            504: components["responses"]["GatewayTimeout"];
        };
    };
    legacyListModelsByLanguage: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description An ISO 639-1 language code (`en`), as the models' language tags have it.
                 * @example en
                 */
                languageName: components["parameters"]["LegacyLanguageName"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["LegacyModelsEnglish"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            502: components["responses"]["BadGateway"];
            503: components["responses"]["ServiceUnavailable"];
            504: components["responses"]["GatewayTimeout"];
        };
    };
    legacyListModelsByLibrary: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description A library, as Hugging Face names it (`transformers`, `pytorch`, `safetensors`); case-insensitive.
                 * @example transformers
                 */
                libraryName: components["parameters"]["LegacyLibraryName"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["LegacyModelsList"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            502: components["responses"]["BadGateway"];
            503: components["responses"]["ServiceUnavailable"];
            504: components["responses"]["GatewayTimeout"];
        };
    };
    legacyListModelsByTask: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description A Hugging Face task (`pipeline_tag`), case-sensitive (`text2text-generation`, `summarization`).
                 * @example text2text-generation
                 */
                taskType: components["parameters"]["LegacyTaskType"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["LegacyModelsText2Text"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            502: components["responses"]["BadGateway"];
            503: components["responses"]["ServiceUnavailable"];
            504: components["responses"]["GatewayTimeout"];
        };
    };
    legacyListModelsByDataset: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The id of the dataset the models were trained on, as the models' `dataset:` tag has it (`gsm8k`,
                 *     `deepmind/code_contests`). A dataset id with a slash travels as ONE path segment, its slash
                 *     percent-encoded (`deepmind%2Fcode_contests`), as the client's `encodeURIComponent` sends it.
                 * @example gsm8k
                 */
                dataset: components["parameters"]["LegacyTrainedDataset"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["LegacyModelsTrainedOnGsm8k"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            502: components["responses"]["BadGateway"];
            503: components["responses"]["ServiceUnavailable"];
            504: components["responses"]["GatewayTimeout"];
        };
    };
    legacyListModelsByQuery: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Case-insensitive substring of the id (owner or name), as ONE path segment: a slash in it is
                 *     percent-encoded (`google%2Fflan`).
                 * @example flan-t5
                 */
                query: components["parameters"]["LegacyQuery"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["LegacyModelsFlanT5Search"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            502: components["responses"]["BadGateway"];
            503: components["responses"]["ServiceUnavailable"];
            504: components["responses"]["GatewayTimeout"];
        };
    };
    legacyListModelsByTaskOld: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description A Hugging Face task (`pipeline_tag`), case-sensitive (`text2text-generation`, `summarization`).
                 * @example text2text-generation
                 */
                taskType: components["parameters"]["LegacyTaskType"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["LegacyModelsText2Text"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            502: components["responses"]["BadGateway"];
            503: components["responses"]["ServiceUnavailable"];
            504: components["responses"]["GatewayTimeout"];
        };
    };
    legacyListModelsByDatasetOld: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The id of the dataset the models were trained on, as the models' `dataset:` tag has it (`gsm8k`,
                 *     `deepmind/code_contests`). A dataset id with a slash travels as ONE path segment, its slash
                 *     percent-encoded (`deepmind%2Fcode_contests`), as the client's `encodeURIComponent` sends it.
                 * @example gsm8k
                 */
                dataset: components["parameters"]["LegacyTrainedDataset"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["LegacyModelsTrainedOnGsm8k"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            502: components["responses"]["BadGateway"];
            503: components["responses"]["ServiceUnavailable"];
            504: components["responses"]["GatewayTimeout"];
        };
    };
    listDatasets: {
        parameters: {
            query?: {
                /** @description Case-insensitive substring of the id (author or name). */
                search?: components["parameters"]["Search"];
                /** @description The owner (the part of the id before the slash). */
                author?: components["parameters"]["Author"];
                /** @description Task category (`text-classification`, `question-answering`, `text2text-generation`, ...). */
                task?: string;
                /** @description Size category, as Hugging Face names them. */
                size?: components["schemas"]["DatasetSizeCategory"];
                /** @description ISO 639-1 language code (`en`). */
                language?: components["parameters"]["Language"];
                /** @description License id as Hugging Face tags it (`apache-2.0`, `mit`). */
                license?: components["parameters"]["License"];
                /** @description Only datasets known as this evaluation benchmark (its Papers with Code id, `gsm8k`). */
                benchmark?: string;
                /** @description Tags every item must have, comma separated. */
                tags?: components["parameters"]["Tags"];
                /** @description Only gated (`true`) or only ungated (`false`) datasets. */
                gated?: boolean;
                /** @description Only datasets from this source. A source this hub does not have enabled (see `getVersion`) answers 400 naming the enabled ones. */
                source?: components["schemas"]["SourceName"];
                /** @description Sort key. */
                sort?: components["schemas"]["DatasetSort"];
                /** @description Sort direction. */
                direction?: components["parameters"]["Direction"];
                /** @description Page size. */
                limit?: components["parameters"]["Limit"];
                /** @description The opaque `metadata.nextCursor` of the previous page. */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of datasets. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DatasetListEnvelope"];
                };
            };
            304: components["responses"]["NotModified"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getDataset: {
        parameters: {
            query?: never;
            header?: {
                /** @description An `ETag` of an earlier answer; the hub answers 304 when it still holds. */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
            };
            path: {
                /**
                 * @description The dataset id as ONE path segment, its slash percent-encoded (`openai%2Fgsm8k`), or a bare id (`squad`).
                 * @example openai/gsm8k
                 */
                datasetId: components["parameters"]["DatasetId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The dataset. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DatasetEnvelope"];
                };
            };
            304: components["responses"]["NotModified"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            502: components["responses"]["BadGateway"];
            503: components["responses"]["ServiceUnavailable"];
            504: components["responses"]["GatewayTimeout"];
        };
    };
    getDatasetCard: {
        parameters: {
            query?: {
                /** @description A commit sha (or branch) of the repository; defaults to the one the details came from. */
                revision?: components["parameters"]["Revision"];
            };
            header?: never;
            path: {
                /**
                 * @description The dataset id as ONE path segment, its slash percent-encoded (`openai%2Fgsm8k`), or a bare id (`squad`).
                 * @example openai/gsm8k
                 */
                datasetId: components["parameters"]["DatasetId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The card. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "status": "success",
                     *       "message": "Dataset card retrieved",
                     *       "version": "1.0.0",
                     *       "result": {
                     *         "id": "openai/gsm8k",
                     *         "sha": "e53f048856ff4f594e959d75785d2c2d37b678ee",
                     *         "metadata": {
                     *           "language": [
                     *             "en"
                     *           ],
                     *           "license": [
                     *             "mit"
                     *           ],
                     *           "pretty_name": "Grade School Math 8K"
                     *         },
                     *         "text": "",
                     *         "sections": {
                     *           "present": [],
                     *           "missing": [
                     *             "Dataset Description",
                     *             "Uses",
                     *             "Dataset Structure",
                     *             "Dataset Creation",
                     *             "Bias, Risks, and Limitations",
                     *             "Citation"
                     *           ]
                     *         }
                     *       },
                     *       "metadata": {
                     *         "requestId": "req-2a01",
                     *         "source": "snapshot"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["CardEnvelope"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            502: components["responses"]["BadGateway"];
            503: components["responses"]["ServiceUnavailable"];
            504: components["responses"]["GatewayTimeout"];
        };
    };
    getDatasetDownload: {
        parameters: {
            query?: {
                /** @description A commit sha (or branch) of the repository; defaults to the one the details came from. */
                revision?: components["parameters"]["Revision"];
            };
            header?: never;
            path: {
                /**
                 * @description The dataset id as ONE path segment, its slash percent-encoded (`openai%2Fgsm8k`), or a bare id (`squad`).
                 * @example openai/gsm8k
                 */
                datasetId: components["parameters"]["DatasetId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The download links. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "status": "success",
                     *       "message": "Download links retrieved",
                     *       "version": "1.0.0",
                     *       "result": {
                     *         "id": "openai/gsm8k",
                     *         "sha": "e53f048856ff4f594e959d75785d2c2d37b678ee",
                     *         "files": [
                     *           {
                     *             "path": "main/train-00000-of-00001.parquet",
                     *             "size": null,
                     *             "url": "https://huggingface.co/datasets/openai/gsm8k/resolve/e53f048856ff4f594e959d75785d2c2d37b678ee/main/train-00000-of-00001.parquet",
                     *             "source": "huggingface",
                     *             "sha256": null
                     *           }
                     *         ]
                     *       },
                     *       "metadata": {
                     *         "requestId": "req-2a03",
                     *         "source": "snapshot"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["DownloadEnvelope"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            502: components["responses"]["BadGateway"];
            503: components["responses"]["ServiceUnavailable"];
            504: components["responses"]["GatewayTimeout"];
        };
    };
    listDatasetFiles: {
        parameters: {
            query?: {
                /** @description A commit sha (or branch) of the repository; defaults to the one the details came from. */
                revision?: components["parameters"]["Revision"];
            };
            header?: never;
            path: {
                /**
                 * @description The dataset id as ONE path segment, its slash percent-encoded (`openai%2Fgsm8k`), or a bare id (`squad`).
                 * @example openai/gsm8k
                 */
                datasetId: components["parameters"]["DatasetId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The files. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "status": "success",
                     *       "message": "Dataset files retrieved",
                     *       "version": "1.0.0",
                     *       "result": {
                     *         "id": "openai/gsm8k",
                     *         "sha": "e53f048856ff4f594e959d75785d2c2d37b678ee",
                     *         "files": [
                     *           {
                     *             "path": "main/train-00000-of-00001.parquet",
                     *             "size": null,
                     *             "oid": null,
                     *             "lfs": null
                     *           }
                     *         ]
                     *       },
                     *       "metadata": {
                     *         "requestId": "req-2a02",
                     *         "source": "snapshot"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["RepoFilesEnvelope"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            502: components["responses"]["BadGateway"];
            503: components["responses"]["ServiceUnavailable"];
            504: components["responses"]["GatewayTimeout"];
        };
    };
    downloadDatasetFile: {
        parameters: {
            query: {
                /**
                 * @description The file's path inside the repository.
                 * @example data/train.csv
                 */
                path: string;
                /** @description A commit sha (or branch) of the repository; defaults to the one the details came from. */
                revision?: components["parameters"]["Revision"];
            };
            header?: {
                /** @description A single byte range (`bytes=0-1023`). With an `If-Range` ETag that is not the file's current one, the range is ignored and the whole file is sent (200), so a resumed download never mixes two versions. */
                Range?: string;
                /** @description An `ETag` of an earlier answer; the hub answers 304 when it still holds. */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
            };
            path: {
                /**
                 * @description The dataset id as ONE path segment, its slash percent-encoded (`openai%2Fgsm8k`), or a bare id (`squad`).
                 * @example openai/gsm8k
                 */
                datasetId: components["parameters"]["DatasetId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The whole file. */
            200: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "Content-Length"?: number;
                    "X-Content-Sha256": components["headers"]["ContentSha256"];
                    /** @description For a Hugging Face image, `private, max-age=31536000, immutable` at a commit sha, else `private, max-age=300`. */
                    "Cache-Control"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /** @example question,answer */
                    "application/octet-stream": string;
                    /** @example (the PNG image's bytes) */
                    "image/png": string;
                    /** @example (the JPEG image's bytes) */
                    "image/jpeg": string;
                    /** @example (the GIF image's bytes) */
                    "image/gif": string;
                    /** @example (the WEBP image's bytes) */
                    "image/webp": string;
                    /** @example (the AVIF image's bytes) */
                    "image/avif": string;
                };
            };
            /** @description The requested byte range. */
            206: {
                headers: {
                    "Content-Range"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /** @example question */
                    "application/octet-stream": string;
                };
            };
            304: components["responses"]["NotModified"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            /** @description The path is not an image a card shows, and the dataset is not in the local store (this route never proxies a Hugging Face repository's other files). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "status": "error",
                     *       "message": "Only a card's images (png, jpg, jpeg, gif, webp, avif, svg) of a Hugging Face dataset are served here, not 'model.safetensors'; its download link is in the download answer",
                     *       "version": "1.0.0",
                     *       "result": null,
                     *       "metadata": {
                     *         "code": "FORBIDDEN",
                     *         "requestId": "req-2a0a",
                     *         "details": {
                     *           "parameter": "path"
                     *         }
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            404: components["responses"]["NotFound"];
            /** @description The range is not satisfiable. */
            416: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "status": "error",
                     *       "message": "Range bytes=9000-9999 is outside the file (100 bytes)",
                     *       "version": "1.0.0",
                     *       "result": null,
                     *       "metadata": {
                     *         "code": "RANGE_NOT_SATISFIABLE",
                     *         "requestId": "req-2a04"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description The image of a Hugging Face dataset is larger than `MLHUB_CARD_IMAGE_MAX_BYTES`. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "status": "error",
                     *       "message": "Image 'assets/figure.png' is larger than 5242880 bytes (MLHUB_CARD_IMAGE_MAX_BYTES); open it on Hugging Face",
                     *       "version": "1.0.0",
                     *       "result": null,
                     *       "metadata": {
                     *         "code": "UNPROCESSABLE",
                     *         "requestId": "req-2a0b",
                     *         "details": {
                     *           "parameter": "path",
                     *           "maxBytes": 5242880
                     *         }
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            502: components["responses"]["BadGateway"];
            503: components["responses"]["ServiceUnavailable"];
            504: components["responses"]["GatewayTimeout"];
        };
    };
    getApiReference: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The HTML page. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /** @example <!doctype html><title>ML Hub API</title> */
                    "text/html": string;
                };
            };
            429: components["responses"]["TooManyRequests"];
        };
    };
    getDatasetFacets: {
        parameters: {
            query?: {
                /** @description Case-insensitive substring of the id (author or name). */
                search?: components["parameters"]["Search"];
                /** @description The owner (the part of the id before the slash). */
                author?: components["parameters"]["Author"];
                /** @description Task category (`text-classification`, `question-answering`, `text2text-generation`, ...). */
                task?: string;
                /** @description Size category, as Hugging Face names them. */
                size?: components["schemas"]["DatasetSizeCategory"];
                /** @description ISO 639-1 language code (`en`). */
                language?: components["parameters"]["Language"];
                /** @description License id as Hugging Face tags it (`apache-2.0`, `mit`). */
                license?: components["parameters"]["License"];
                /** @description Only datasets known as this evaluation benchmark (its Papers with Code id, `gsm8k`). */
                benchmark?: string;
                /** @description Tags every item must have, comma separated. */
                tags?: components["parameters"]["Tags"];
                /** @description Only gated (`true`) or only ungated (`false`) datasets. */
                gated?: boolean;
                /** @description Only datasets from this source. A source this hub does not have enabled (see `getVersion`) answers 400 naming the enabled ones. */
                source?: components["schemas"]["SourceName"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The facet counts. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "status": "success",
                     *       "message": "Dataset facets retrieved",
                     *       "version": "1.0.0",
                     *       "result": {
                     *         "task": [
                     *           {
                     *             "value": "text-classification",
                     *             "count": 120
                     *           }
                     *         ],
                     *         "size": [
                     *           {
                     *             "value": "10K<n<100K",
                     *             "count": 64
                     *           }
                     *         ],
                     *         "language": [
                     *           {
                     *             "value": "en",
                     *             "count": 301
                     *           }
                     *         ],
                     *         "license": [
                     *           {
                     *             "value": "mit",
                     *             "count": 40
                     *           }
                     *         ]
                     *       },
                     *       "metadata": {
                     *         "requestId": "req-2a05",
                     *         "partial": false,
                     *         "sources": [
                     *           {
                     *             "source": "snapshot",
                     *             "ok": true
                     *           }
                     *         ]
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["DatasetFacetsEnvelope"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getModelFacets: {
        parameters: {
            query?: {
                /** @description Case-insensitive substring of the id (author or name). */
                search?: components["parameters"]["Search"];
                /** @description The owner (the part of the id before the slash). */
                author?: components["parameters"]["Author"];
                /** @description As in `listModels`. */
                task?: string;
                /** @description As in `listModels`. */
                library?: string;
                /** @description ISO 639-1 language code (`en`). */
                language?: components["parameters"]["Language"];
                /** @description License id as Hugging Face tags it (`apache-2.0`, `mit`). */
                license?: components["parameters"]["License"];
                /** @description As in `listModels`. */
                dataset?: string;
                /** @description Tags every item must have, comma separated. */
                tags?: components["parameters"]["Tags"];
                /** @description As in `listModels`. */
                gated?: boolean;
                /** @description As in `listModels`. */
                servable?: boolean;
                /** @description As in `listModels`. */
                source?: components["schemas"]["SourceName"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The facet counts. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "status": "success",
                     *       "message": "Model facets retrieved",
                     *       "version": "1.0.0",
                     *       "result": {
                     *         "task": [
                     *           {
                     *             "value": "text-generation",
                     *             "count": 142
                     *           }
                     *         ],
                     *         "library": [
                     *           {
                     *             "value": "transformers",
                     *             "count": 310
                     *           }
                     *         ],
                     *         "language": [
                     *           {
                     *             "value": "en",
                     *             "count": 201
                     *           }
                     *         ],
                     *         "license": [
                     *           {
                     *             "value": "apache-2.0",
                     *             "count": 250
                     *           }
                     *         ]
                     *       },
                     *       "metadata": {
                     *         "requestId": "req-1a32",
                     *         "partial": false,
                     *         "sources": [
                     *           {
                     *             "source": "snapshot",
                     *             "ok": true
                     *           }
                     *         ]
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ModelFacetsEnvelope"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            503: components["responses"]["ServiceUnavailable"];
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
            /** @description The service is alive. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "status": "success",
                     *       "message": "ML Hub is alive",
                     *       "version": "1.0.0",
                     *       "result": {
                     *         "status": "ok",
                     *         "sources": [
                     *           {
                     *             "name": "snapshot",
                     *             "ok": true,
                     *             "detail": "517 models, 506 datasets"
                     *           },
                     *           {
                     *             "name": "huggingface",
                     *             "ok": false,
                     *             "detail": "Hugging Face answered 503"
                     *           }
                     *         ]
                     *       },
                     *       "metadata": {
                     *         "requestId": "req-3a01"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["HealthEnvelope"];
                };
            };
            429: components["responses"]["TooManyRequests"];
        };
    };
    getInferenceAvailability: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The model id as ONE path segment, its slash percent-encoded (`google%2Fflan-t5-small`), or a bare id (`gpt2`). */
                modelId: components["parameters"]["ModelId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The availability. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "status": "success",
                     *       "message": "Inference availability retrieved",
                     *       "version": "1.0.0",
                     *       "result": {
                     *         "modelId": "google/flan-t5-small",
                     *         "servable": true,
                     *         "reason": null,
                     *         "server": {
                     *           "id": "srv-7f3a9c",
                     *           "modelId": "google/flan-t5-small",
                     *           "state": "running",
                     *           "backend": "local",
                     *           "endpoint": "http://127.0.0.1:41234",
                     *           "message": null,
                     *           "createdBy": "jdoe",
                     *           "createdAt": "2026-11-27T15:00:00.000Z",
                     *           "updatedAt": "2026-11-27T15:00:09.000Z"
                     *         }
                     *       },
                     *       "metadata": {
                     *         "requestId": "req-4a01"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["InferenceAvailabilityEnvelope"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
        };
    };
    runInference: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The model id as ONE path segment, its slash percent-encoded (`google%2Fflan-t5-small`), or a bare id (`gpt2`). */
                modelId: components["parameters"]["ModelId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "inputs": "Translate English to German: How old are you?",
                 *       "parameters": {
                 *         "max_new_tokens": 32
                 *       },
                 *       "stream": false
                 *     }
                 */
                "application/json": components["schemas"]["InferenceRequest"];
            };
        };
        responses: {
            /** @description The generated text, or an SSE stream of tokens. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "status": "success",
                     *       "message": "Inference done",
                     *       "version": "1.0.0",
                     *       "result": {
                     *         "modelId": "google/flan-t5-small",
                     *         "generatedText": "Wie alt sind Sie?",
                     *         "details": {
                     *           "finishReason": "eos_token",
                     *           "generatedTokens": 6,
                     *           "inputTokens": 12
                     *         }
                     *       },
                     *       "metadata": {
                     *         "requestId": "req-4a02"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["InferenceResultEnvelope"];
                    /** @example data: {"index":0,"token":{"id":3,"text":"Wie","logprob":0,"special":false},"generated_text":null,"details":null} */
                    "text/event-stream": string;
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            422: components["responses"]["Unprocessable"];
            429: components["responses"]["TooManyRequests"];
            502: components["responses"]["BadGateway"];
            503: components["responses"]["ServiceUnavailable"];
            504: components["responses"]["GatewayTimeout"];
        };
    };
    runLegacyInference: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The model id as ONE path segment, its slash percent-encoded (`google%2Fflan-t5-small`), or a bare id (`gpt2`). */
                modelId: components["parameters"]["ModelId"];
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
                     *       "version": "1.3.0",
                     *       "result": {
                     *         "model_id": "google/flan-t5-small",
                     *         "generated_text": "Wie alt sind Sie?"
                     *       },
                     *       "metadata": {
                     *         "requestId": "req-7c42"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["LegacyRespInference"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            422: components["responses"]["Unprocessable"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            502: components["responses"]["BadGateway"];
            503: components["responses"]["ServiceUnavailable"];
            504: components["responses"]["GatewayTimeout"];
        };
    };
    createModelPull: {
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
                 *       "modelId": "Xenova/flan-t5-small",
                 *       "dtype": "q8"
                 *     }
                 */
                "application/json": components["schemas"]["ModelPullRequest"];
            };
        };
        responses: {
            /** @description The pull is queued. */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "status": "success",
                     *       "message": "Model pull started",
                     *       "version": "1.2.0",
                     *       "result": {
                     *         "id": "pull-5c1e2a",
                     *         "modelId": "Xenova/flan-t5-small",
                     *         "revision": "main",
                     *         "dtype": "q8",
                     *         "state": "queued",
                     *         "bytesDone": 0,
                     *         "bytesTotal": null,
                     *         "files": [],
                     *         "message": null,
                     *         "createdBy": "jdoe",
                     *         "createdAt": "2026-11-27T15:00:00.000Z",
                     *         "updatedAt": "2026-11-27T15:00:00.000Z"
                     *       },
                     *       "metadata": {
                     *         "requestId": "req-4a08"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ModelPullEnvelope"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            409: components["responses"]["ModelPullConflict"];
            429: components["responses"]["TooManyRequests"];
        };
    };
    getModelPull: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The job id.
                 * @example pull-5c1e2a
                 */
                jobId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The job. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "status": "success",
                     *       "message": "Model pull retrieved",
                     *       "version": "1.2.0",
                     *       "result": {
                     *         "id": "pull-5c1e2a",
                     *         "modelId": "Xenova/flan-t5-small",
                     *         "revision": "main",
                     *         "dtype": "q8",
                     *         "state": "downloading",
                     *         "bytesDone": 41943040,
                     *         "bytesTotal": 154339328,
                     *         "files": [
                     *           {
                     *             "path": "config.json",
                     *             "size": 1476,
                     *             "bytesDone": 1476,
                     *             "sha256": null,
                     *             "done": true
                     *           },
                     *           {
                     *             "path": "onnx/encoder_model_quantized.onnx",
                     *             "size": 35614520,
                     *             "bytesDone": 35614520,
                     *             "sha256": "8f7b0c0d4c6f2f6b1a8e1f3d0a9c5e2b7d4a6c8e0f1b3d5a7c9e1f3b5d7a9c1e",
                     *             "done": true
                     *           },
                     *           {
                     *             "path": "onnx/decoder_model_merged_quantized.onnx",
                     *             "size": 118723072,
                     *             "bytesDone": 6327040,
                     *             "sha256": "1e3c5a7b9d1f3e5c7a9b1d3f5e7c9a1b3d5f7e9c1a3b5d7f9e1c3a5b7d9f1e3c",
                     *             "done": false
                     *           }
                     *         ],
                     *         "message": null,
                     *         "createdBy": "jdoe",
                     *         "createdAt": "2026-11-27T15:00:00.000Z",
                     *         "updatedAt": "2026-11-27T15:00:21.000Z"
                     *       },
                     *       "metadata": {
                     *         "requestId": "req-4a09"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ModelPullEnvelope"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
        };
    };
    listInferenceServers: {
        parameters: {
            query?: {
                /** @description Only servers of this model. */
                modelId?: string;
                /** @description Only servers in this state. */
                state?: components["schemas"]["InferenceServerState"];
                /** @description Page size. */
                limit?: components["parameters"]["Limit"];
                /** @description The opaque `metadata.nextCursor` of the previous page. */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of servers. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "status": "success",
                     *       "message": "Inference servers retrieved",
                     *       "version": "1.0.0",
                     *       "result": [
                     *         {
                     *           "id": "srv-7f3a9c",
                     *           "modelId": "google/flan-t5-small",
                     *           "state": "running",
                     *           "backend": "local",
                     *           "endpoint": "http://127.0.0.1:41234",
                     *           "message": null,
                     *           "createdBy": "jdoe",
                     *           "createdAt": "2026-11-27T15:00:00.000Z",
                     *           "updatedAt": "2026-11-27T15:00:09.000Z"
                     *         }
                     *       ],
                     *       "metadata": {
                     *         "requestId": "req-4a03",
                     *         "limit": 20,
                     *         "total": 1,
                     *         "nextCursor": null,
                     *         "partial": false,
                     *         "sources": []
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["InferenceServerListEnvelope"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
        };
    };
    createInferenceServer: {
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
                 *       "modelId": "google/flan-t5-small"
                 *     }
                 */
                "application/json": components["schemas"]["InferenceServerRequest"];
            };
        };
        responses: {
            /** @description Provisioning started. */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "status": "success",
                     *       "message": "Inference server requested",
                     *       "version": "1.0.0",
                     *       "result": {
                     *         "id": "srv-7f3a9c",
                     *         "modelId": "google/flan-t5-small",
                     *         "state": "pending",
                     *         "backend": "local",
                     *         "endpoint": null,
                     *         "message": null,
                     *         "createdBy": "jdoe",
                     *         "createdAt": "2026-11-27T15:00:00.000Z",
                     *         "updatedAt": "2026-11-27T15:00:00.000Z"
                     *       },
                     *       "metadata": {
                     *         "requestId": "req-4a04"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["InferenceServerEnvelope"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["InferenceServerConflict"];
            422: components["responses"]["Unprocessable"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getInferenceServer: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The server id.
                 * @example srv-7f3a9c
                 */
                serverId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The server. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "status": "success",
                     *       "message": "Inference server retrieved",
                     *       "version": "1.0.0",
                     *       "result": {
                     *         "id": "srv-7f3a9c",
                     *         "modelId": "google/flan-t5-small",
                     *         "state": "initializing",
                     *         "backend": "pods",
                     *         "endpoint": null,
                     *         "message": "Pod is starting",
                     *         "createdBy": "jdoe",
                     *         "createdAt": "2026-11-27T15:00:00.000Z",
                     *         "updatedAt": "2026-11-27T15:00:04.000Z"
                     *       },
                     *       "metadata": {
                     *         "requestId": "req-4a05"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["InferenceServerEnvelope"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
        };
    };
    deleteInferenceServer: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The server id.
                 * @example srv-7f3a9c
                 */
                serverId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The stopped server. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "status": "success",
                     *       "message": "Inference server stopped",
                     *       "version": "1.0.0",
                     *       "result": {
                     *         "id": "srv-7f3a9c",
                     *         "modelId": "google/flan-t5-small",
                     *         "state": "stopped",
                     *         "backend": "local",
                     *         "endpoint": null,
                     *         "message": null,
                     *         "createdBy": "jdoe",
                     *         "createdAt": "2026-11-27T15:00:00.000Z",
                     *         "updatedAt": "2026-11-27T15:10:00.000Z"
                     *       },
                     *       "metadata": {
                     *         "requestId": "req-4a06"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["InferenceServerEnvelope"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    getInferenceServerHistory: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The server id.
                 * @example srv-7f3a9c
                 */
                serverId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The transitions. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "status": "success",
                     *       "message": "Inference server history retrieved",
                     *       "version": "1.2.0",
                     *       "result": [
                     *         {
                     *           "state": "pending",
                     *           "at": "2026-11-27T15:00:00.000Z",
                     *           "message": "Requested by jdoe"
                     *         },
                     *         {
                     *           "state": "initializing",
                     *           "at": "2026-11-27T15:00:00.120Z",
                     *           "message": "Loading the model"
                     *         },
                     *         {
                     *           "state": "running",
                     *           "at": "2026-11-27T15:00:09.000Z",
                     *           "message": null
                     *         }
                     *       ],
                     *       "metadata": {
                     *         "requestId": "req-4a07"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["InferenceServerHistoryEnvelope"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
        };
    };
    listModels: {
        parameters: {
            query?: {
                /** @description Case-insensitive substring of the id (author or name). */
                search?: components["parameters"]["Search"];
                /** @description The owner (the part of the id before the slash). */
                author?: components["parameters"]["Author"];
                /** @description Pipeline task (`text2text-generation`, `text-generation`, ...). FLAN-T5 models are found under both `text2text-generation` and `text-generation`, since Hugging Face made the former a subtask of the latter. */
                task?: string;
                /** @description Library (`transformers`, `sentence-transformers`, `transformers.js`, ...). */
                library?: string;
                /** @description ISO 639-1 language code (`en`). */
                language?: components["parameters"]["Language"];
                /** @description License id as Hugging Face tags it (`apache-2.0`, `mit`). */
                license?: components["parameters"]["License"];
                /** @description Trained on this dataset (its id, as in the `dataset:` tags). */
                dataset?: string;
                /** @description Tags every item must have, comma separated. */
                tags?: components["parameters"]["Tags"];
                /** @description Only gated (`true`) or only ungated (`false`) models. */
                gated?: boolean;
                /** @description Only models that can (`true`) or cannot (`false`) be served by this hub's inference servers. */
                servable?: boolean;
                /** @description Only models from this source. A source this hub does not have enabled (see `getVersion`) answers 400 naming the enabled ones. */
                source?: components["schemas"]["SourceName"];
                /** @description Sort key. */
                sort?: components["schemas"]["ModelSort"];
                /** @description Sort direction. */
                direction?: components["parameters"]["Direction"];
                /** @description Page size. */
                limit?: components["parameters"]["Limit"];
                /** @description The opaque `metadata.nextCursor` of the previous page. */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of models. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ModelListEnvelope"];
                };
            };
            304: components["responses"]["NotModified"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getModel: {
        parameters: {
            query?: never;
            header?: {
                /** @description An `ETag` of an earlier answer; the hub answers 304 when it still holds. */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
            };
            path: {
                /** @description The model id as ONE path segment, its slash percent-encoded (`google%2Fflan-t5-small`), or a bare id (`gpt2`). */
                modelId: components["parameters"]["ModelId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The model. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ModelEnvelope"];
                };
            };
            304: components["responses"]["NotModified"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            502: components["responses"]["BadGateway"];
            503: components["responses"]["ServiceUnavailable"];
            504: components["responses"]["GatewayTimeout"];
        };
    };
    getModelCard: {
        parameters: {
            query?: {
                /** @description A commit sha (or branch) of the repository; defaults to the one the details came from. */
                revision?: components["parameters"]["Revision"];
            };
            header?: never;
            path: {
                /** @description The model id as ONE path segment, its slash percent-encoded (`google%2Fflan-t5-small`), or a bare id (`gpt2`). */
                modelId: components["parameters"]["ModelId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The card. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "status": "success",
                     *       "message": "Model card retrieved",
                     *       "version": "1.0.0",
                     *       "result": {
                     *         "id": "google/flan-t5-small",
                     *         "sha": "0fc9ddf78a1e988dac52e2dac162b0ede4fd74ab",
                     *         "metadata": {
                     *           "language": [
                     *             "en",
                     *             "fr",
                     *             "ro",
                     *             "de",
                     *             "multilingual"
                     *           ],
                     *           "license": "apache-2.0",
                     *           "tags": [
                     *             "text2text-generation"
                     *           ]
                     *         },
                     *         "text": "# Model Card for FLAN-T5 small\n\n## Model Details\n\nFLAN-T5 is T5 fine-tuned on more than 1000 tasks.\n\n## Uses\n\nResearch on language models.\n",
                     *         "sections": {
                     *           "present": [
                     *             "Model Details",
                     *             "Uses"
                     *           ],
                     *           "missing": [
                     *             "Bias, Risks, and Limitations",
                     *             "Training Details",
                     *             "Evaluation",
                     *             "Environmental Impact",
                     *             "Citation",
                     *             "How to Get Started with the Model"
                     *           ]
                     *         }
                     *       },
                     *       "metadata": {
                     *         "requestId": "req-1a2d",
                     *         "source": "huggingface"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["CardEnvelope"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            502: components["responses"]["BadGateway"];
            503: components["responses"]["ServiceUnavailable"];
            504: components["responses"]["GatewayTimeout"];
        };
    };
    getModelDownload: {
        parameters: {
            query?: {
                /** @description A commit sha (or branch) of the repository; defaults to the one the details came from. */
                revision?: components["parameters"]["Revision"];
            };
            header?: never;
            path: {
                /** @description The model id as ONE path segment, its slash percent-encoded (`google%2Fflan-t5-small`), or a bare id (`gpt2`). */
                modelId: components["parameters"]["ModelId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The download links. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "status": "success",
                     *       "message": "Download links retrieved",
                     *       "version": "1.0.0",
                     *       "result": {
                     *         "id": "google/flan-t5-small",
                     *         "sha": "0fc9ddf78a1e988dac52e2dac162b0ede4fd74ab",
                     *         "files": [
                     *           {
                     *             "path": "config.json",
                     *             "size": 1400,
                     *             "url": "https://huggingface.co/google/flan-t5-small/resolve/0fc9ddf78a1e988dac52e2dac162b0ede4fd74ab/config.json",
                     *             "source": "huggingface",
                     *             "sha256": null
                     *           }
                     *         ]
                     *       },
                     *       "metadata": {
                     *         "requestId": "req-1a2f",
                     *         "source": "snapshot"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["DownloadEnvelope"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            502: components["responses"]["BadGateway"];
            503: components["responses"]["ServiceUnavailable"];
            504: components["responses"]["GatewayTimeout"];
        };
    };
    listModelFiles: {
        parameters: {
            query?: {
                /** @description A commit sha (or branch) of the repository; defaults to the one the details came from. */
                revision?: components["parameters"]["Revision"];
            };
            header?: never;
            path: {
                /** @description The model id as ONE path segment, its slash percent-encoded (`google%2Fflan-t5-small`), or a bare id (`gpt2`). */
                modelId: components["parameters"]["ModelId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The files. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "status": "success",
                     *       "message": "Model files retrieved",
                     *       "version": "1.0.0",
                     *       "result": {
                     *         "id": "google-bert/bert-base-uncased",
                     *         "sha": "dd4c8a4a1c4f7b5c6b7d1b3c0e0d4f5a6b7c8d9e",
                     *         "files": [
                     *           {
                     *             "path": "config.json",
                     *             "size": 570,
                     *             "oid": "45a2321a7ecfdaaf60a6c1fd7f5463994cc8907d",
                     *             "lfs": null
                     *           },
                     *           {
                     *             "path": "model.safetensors",
                     *             "size": 440449768,
                     *             "oid": "68d45e234eb4a928074dfd868cead0219ab85354",
                     *             "lfs": {
                     *               "oid": "68d45e234eb4a928074dfd868cead0219ab85354cc58b2e3b7a2b8f3a2e7a2b1",
                     *               "size": 440449768,
                     *               "pointerSize": 135
                     *             }
                     *           }
                     *         ]
                     *       },
                     *       "metadata": {
                     *         "requestId": "req-1a2e",
                     *         "source": "huggingface"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["RepoFilesEnvelope"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            502: components["responses"]["BadGateway"];
            503: components["responses"]["ServiceUnavailable"];
            504: components["responses"]["GatewayTimeout"];
        };
    };
    downloadModelFile: {
        parameters: {
            query: {
                /**
                 * @description The file's path inside the repository (`onnx/encoder_model.onnx`).
                 * @example config.json
                 */
                path: string;
                /** @description A commit sha (or branch) of the repository; defaults to the one the details came from. */
                revision?: components["parameters"]["Revision"];
            };
            header?: {
                /** @description A single byte range (`bytes=0-1023`). With an `If-Range` ETag that is not the file's current one, the range is ignored and the whole file is sent (200), so a resumed download never mixes two versions. */
                Range?: string;
                /** @description An `ETag` of an earlier answer; the hub answers 304 when it still holds. */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
            };
            path: {
                /** @description The model id as ONE path segment, its slash percent-encoded (`google%2Fflan-t5-small`), or a bare id (`gpt2`). */
                modelId: components["parameters"]["ModelId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The whole file. */
            200: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "Content-Length"?: number;
                    "X-Content-Sha256": components["headers"]["ContentSha256"];
                    "Accept-Ranges"?: string;
                    /** @description For a Hugging Face image, `private, max-age=31536000, immutable` at a commit sha, else `private, max-age=300`. */
                    "Cache-Control"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /** @example {"model_type": "t5"} */
                    "application/octet-stream": string;
                    /** @example (the PNG image's bytes) */
                    "image/png": string;
                    /** @example (the JPEG image's bytes) */
                    "image/jpeg": string;
                    /** @example (the GIF image's bytes) */
                    "image/gif": string;
                    /** @example (the WEBP image's bytes) */
                    "image/webp": string;
                    /** @example (the AVIF image's bytes) */
                    "image/avif": string;
                };
            };
            /** @description The requested byte range. */
            206: {
                headers: {
                    "Content-Range"?: string;
                    ETag: components["headers"]["ETag"];
                    "X-Content-Sha256": components["headers"]["ContentSha256"];
                    [name: string]: unknown;
                };
                content: {
                    /** @example {"model */
                    "application/octet-stream": string;
                };
            };
            304: components["responses"]["NotModified"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            /** @description The path is not an image a card shows, and the model is not in the local store (this route never proxies a Hugging Face repository's other files). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "status": "error",
                     *       "message": "Only a card's images (png, jpg, jpeg, gif, webp, avif, svg) of a Hugging Face model are served here, not 'model.safetensors'; its download link is in the download answer",
                     *       "version": "1.0.0",
                     *       "result": null,
                     *       "metadata": {
                     *         "code": "FORBIDDEN",
                     *         "requestId": "req-1a3a",
                     *         "details": {
                     *           "parameter": "path"
                     *         }
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            404: components["responses"]["NotFound"];
            /** @description The range is not satisfiable. */
            416: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "status": "error",
                     *       "message": "Range bytes=9000-9999 is outside the file (1400 bytes)",
                     *       "version": "1.0.0",
                     *       "result": null,
                     *       "metadata": {
                     *         "code": "RANGE_NOT_SATISFIABLE",
                     *         "requestId": "req-1a30"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description The image of a Hugging Face model is larger than `MLHUB_CARD_IMAGE_MAX_BYTES`. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "status": "error",
                     *       "message": "Image 'assets/figure.png' is larger than 5242880 bytes (MLHUB_CARD_IMAGE_MAX_BYTES); open it on Hugging Face",
                     *       "version": "1.0.0",
                     *       "result": null,
                     *       "metadata": {
                     *         "code": "UNPROCESSABLE",
                     *         "requestId": "req-1a3b",
                     *         "details": {
                     *           "parameter": "path",
                     *           "maxBytes": 5242880
                     *         }
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            502: components["responses"]["BadGateway"];
            503: components["responses"]["ServiceUnavailable"];
            504: components["responses"]["GatewayTimeout"];
        };
    };
    getModelSnippets: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The model id as ONE path segment, its slash percent-encoded (`google%2Fflan-t5-small`), or a bare id (`gpt2`). */
                modelId: components["parameters"]["ModelId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The snippets. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "status": "success",
                     *       "message": "Snippets retrieved",
                     *       "version": "1.0.0",
                     *       "result": [
                     *         {
                     *           "id": "transformers",
                     *           "title": "Transformers",
                     *           "language": "python",
                     *           "content": "from transformers import AutoTokenizer, AutoModelForSeq2SeqLM\n\ntokenizer = AutoTokenizer.from_pretrained(\"google/flan-t5-small\")\nmodel = AutoModelForSeq2SeqLM.from_pretrained(\"google/flan-t5-small\")"
                     *         },
                     *         {
                     *           "id": "curl",
                     *           "title": "curl (ML Hub)",
                     *           "language": "sh",
                     *           "content": "curl -H \"X-Tapis-Token: $TAPIS_TOKEN\" https://hub.example.org/v3/mlhub/models/google%2Fflan-t5-small"
                     *         }
                     *       ],
                     *       "metadata": {
                     *         "requestId": "req-1a31"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["SnippetsEnvelope"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            502: components["responses"]["BadGateway"];
        };
    };
    getOpenApiDocument: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The document. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "openapi": "3.1.0",
                     *       "info": {
                     *         "title": "ML Hub API",
                     *         "version": "1.0.0"
                     *       },
                     *       "paths": {}
                     *     }
                     */
                    "application/json": {
                        openapi: string;
                        info: Record<string, never>;
                        paths: Record<string, never>;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            429: components["responses"]["TooManyRequests"];
        };
    };
    getReadiness: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Ready. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "status": "success",
                     *       "message": "ML Hub is ready",
                     *       "version": "1.0.0",
                     *       "result": {
                     *         "ready": true,
                     *         "checks": [
                     *           {
                     *             "name": "catalog",
                     *             "ok": true,
                     *             "detail": "517 models, 506 datasets"
                     *           }
                     *         ]
                     *       },
                     *       "metadata": {
                     *         "requestId": "req-3a02"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ReadinessEnvelope"];
                };
            };
            429: components["responses"]["TooManyRequests"];
            /** @description Not ready; `metadata.code` is `SERVICE_UNAVAILABLE`. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "status": "error",
                     *       "message": "ML Hub is not ready: catalog not loaded",
                     *       "version": "1.0.0",
                     *       "result": null,
                     *       "metadata": {
                     *         "code": "SERVICE_UNAVAILABLE",
                     *         "requestId": "req-3a03"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    getVersion: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The version. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "status": "success",
                     *       "message": "ML Hub version",
                     *       "version": "1.0.0",
                     *       "result": {
                     *         "service": "0.1.0",
                     *         "api": "1.0.0",
                     *         "sources": [
                     *           "snapshot",
                     *           "store"
                     *         ]
                     *       },
                     *       "metadata": {
                     *         "requestId": "req-3a04"
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["VersionEnvelope"];
                };
            };
            429: components["responses"]["TooManyRequests"];
        };
    };
}
