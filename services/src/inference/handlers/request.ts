import type { InferenceServerOperations } from '@mlhub/sdk';
import type { SpecRequest } from '../../common/index.js';

/**
 * The request of an inference-server operation as its handler sees it, after the spec binder validated it:
 * params, query and body typed from the generated SDK types, so a handler reads them without a cast.
 */
export type OperationRequest<Id extends keyof InferenceServerOperations> = SpecRequest<InferenceServerOperations[Id]>;
