// A start step of `npm start` (scripts/src/start/steps.ts): the embedded default model. When the store the hub
// will read holds no model an inference server can load, it writes the random-weight flan-t5-small-shaped one,
// so a newcomer can ask for an inference server within a minute of starting.
import { hubConfig, storeDirOf } from '@mlhub/services/hub';
import { ensureDefaultModel } from '../src/pull/default-model.js';

const config = hubConfig.load(process.env);
const storeDir = storeDirOf(config);
process.stderr.write(`npm start: checking the model store ${storeDir} for a servable model...\n`);
const ensured = await ensureDefaultModel(storeDir);
process.stderr.write(`npm start: ${ensured.message}\n`);
