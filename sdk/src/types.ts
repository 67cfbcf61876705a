import type { components } from './generated/hub.js';

type Schemas = components['schemas'];

// Short names for the schemas callers meet most; every other one is `components['schemas'][Name]`.

/** A model with every detail (`getModel`). */
export type Model = Schemas['ModelDetails'];
export type ModelDetails = Schemas['ModelDetails'];
/** A model as lists give it (`listModels`). */
export type ModelSummary = Schemas['ModelSummary'];
export type ModelSort = Schemas['ModelSort'];
export type ModelFacets = Schemas['ModelFacets'];
export type ModelListPage = Schemas['ModelListEnvelope'];

/** A dataset with every detail (`getDataset`). */
export type Dataset = Schemas['DatasetDetails'];
export type DatasetDetails = Schemas['DatasetDetails'];
/** A dataset as lists give it (`listDatasets`). */
export type DatasetSummary = Schemas['DatasetSummary'];
export type DatasetSort = Schemas['DatasetSort'];
export type DatasetFacets = Schemas['DatasetFacets'];
export type DatasetListPage = Schemas['DatasetListEnvelope'];

export type Card = Schemas['Card'];
export type RepoFiles = Schemas['RepoFiles'];
export type RepoFile = Schemas['RepoFile'];
export type Download = Schemas['Download'];
export type DownloadLink = Schemas['DownloadLink'];
export type Snippet = Schemas['Snippet'];
export type FacetCount = Schemas['FacetCount'];

export type InferenceAvailability = Schemas['InferenceAvailability'];
export type InferenceServer = Schemas['InferenceServer'];
export type InferenceServerState = Schemas['InferenceServerState'];
export type InferenceServerRequest = Schemas['InferenceServerRequest'];
export type InferenceServerListPage = Schemas['InferenceServerListEnvelope'];
export type InferenceResult = Schemas['InferenceResult'];
export type InferenceServerStateChange = Schemas['InferenceServerStateChange'];
export type ModelPull = Schemas['ModelPull'];
export type ModelPullState = Schemas['ModelPullState'];

export type SourceName = Schemas['SourceName'];
export type SourceStatus = Schemas['SourceStatus'];
export type ListMetadata = Schemas['ListMetadata'];
