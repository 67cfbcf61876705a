import { bundledSpecPath, loadSpecDocument, type SpecDocument } from '../../common/spec.js';

/** The hub's bundled document (`openapi/dist/hub.openapi.json`) and its operations. */
export type HubSpec = SpecDocument;

/** Reads the bundled hub spec once, at boot. */
export function loadHubSpec(file: string = bundledSpecPath('hub')): HubSpec {
  return loadSpecDocument(file);
}
