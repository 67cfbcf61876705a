// `npm start`: one process that runs the start steps (scripts/src/start/steps.ts) and owns every process
// they start, so SIGTERM or Ctrl-C on `npm start` stops all of them (scripts/src/start/supervisor.ts).
import path from 'node:path';
import { START_STEPS } from '../src/start/steps.js';
import { Supervisor } from '../src/start/supervisor.js';

const root = path.resolve(import.meta.dirname, '..', '..');
const shutdownMs = Number(process.env['MLHUB_SHUTDOWN_TIMEOUT_MS'] ?? 10000);
// The hub's own shutdown budget, plus time for the process to end after it.
const supervisor = new Supervisor({ root, stopTimeoutMs: (Number.isFinite(shutdownMs) ? shutdownMs : 10000) + 5000 });
await supervisor.start(START_STEPS);
