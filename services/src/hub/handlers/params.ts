import { ApiError } from '../../common/errors.js';
import type { SpecRoutesOptions } from '../../common/spec-routes.js';
import { hasControlCharacters, validateRepoId } from '../ids.js';

/**
 * How the hub's path parameters are read, for every registration of its spec (this one and the inference
 * control plane's): model and dataset ids may hold a slash, raw or percent-encoded, and are checked by the
 * id rule; no other path parameter may carry a control character.
 */
export const hubPathParams: Pick<SpecRoutesOptions, 'slashParams' | 'pathParam'> = {
  slashParams: {
    modelId: (id) => validateRepoId(id, 'model'),
    datasetId: (id) => validateRepoId(id, 'dataset'),
    // The legacy `trained_datasets/{dataset}` lists.
    dataset: (id) => validateRepoId(id, 'dataset'),
  },
  pathParam: (name, value) => {
    if (hasControlCharacters(value)) {
      throw new ApiError('INVALID_PARAMETER', `Invalid parameter '${name}': must not contain control characters`, { parameter: name });
    }
    return value;
  },
};
