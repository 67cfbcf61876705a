import type { ApiBody } from '@mlhub/services/snapshot';
import { datasetFromApiBody } from '@mlhub/services/snapshot';
import { modelFromApiBody } from '@mlhub/services/snapshot';
import type { DatasetRecord, ModelRecord } from '@mlhub/services/snapshot';

/** A body without an id is a broken capture or hub answer: it stops the build or mirror, naming where it came from. */
const missingId = (kind: string, where: string): never => {
  throw new Error(`catalog: ${where} holds a ${kind} body without an id`);
};

export const snapshotModel = (body: ApiBody, where: string): ModelRecord => modelFromApiBody(body, 'snapshot') ?? missingId('model', where);

export const snapshotDataset = (body: ApiBody, where: string): DatasetRecord =>
  datasetFromApiBody(body, 'snapshot') ?? missingId('dataset', where);
