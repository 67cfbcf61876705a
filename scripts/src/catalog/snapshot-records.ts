import type { ApiBody } from '../../../services/src/hub/catalog/normalise/api-bodies.js';
import { datasetFromApiBody } from '../../../services/src/hub/catalog/normalise/dataset.js';
import { modelFromApiBody } from '../../../services/src/hub/catalog/normalise/model.js';
import type { DatasetRecord, ModelRecord } from '../../../services/src/hub/catalog/records.js';

/** A body without an id is a broken capture or hub answer: it stops the build or mirror, naming where it came from. */
const missingId = (kind: string, where: string): never => {
  throw new Error(`catalog: ${where} holds a ${kind} body without an id`);
};

export const snapshotModel = (body: ApiBody, where: string): ModelRecord => modelFromApiBody(body, 'snapshot') ?? missingId('model', where);

export const snapshotDataset = (body: ApiBody, where: string): DatasetRecord => datasetFromApiBody(body, 'snapshot') ?? missingId('dataset', where);
