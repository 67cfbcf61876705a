import { spawn, type ChildProcess } from 'node:child_process';
import { constants } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** What a step of `npm start` may do: run a command to completion, or start a process that keeps running. */
interface StartContext {
  /** The repository root; every command runs there. */
  root: string;
  /** Runs a command to its end (a build); rejects when it fails. Stopped with everything else on a signal. */
  run: (name: string, command: string, args: string[]) => Promise<void>;
  /** Starts a TypeScript entry point that keeps running (a server), as `node --import tsx <entry> ...args`. */
  service: (name: string, entry: string, args?: string[]) => void;
  /** Writes a line for the person at the terminal. */
  say: (line: string) => void;
}

/** One step of `npm start`, run in order; a step that throws stops the start. */
export interface StartStep {
  name: string;
  run(context: StartContext): Promise<void>;
}

export interface SupervisorOptions {
  root: string;
  /** How long children may take to stop after SIGTERM before they are killed. */
  stopTimeoutMs: number;
  /** Where messages go; stderr by default. */
  say?: (line: string) => void;
}

interface Child {
  name: string;
  process: ChildProcess;
  exited: Promise<number>;
}

const GUARD = pathToFileURL(path.join(import.meta.dirname, 'orphan-guard.ts')).href;
// npm forwards the terminal's Ctrl-C to us although we got it from the terminal already: signals this close
// together are one request to stop, not the impatient second one that kills at once.
const SAME_SIGNAL_MS = 2000;
const PARENT_POLL_MS = 500;

/**
 * Runs the steps of `npm start` and owns every process they start: children run in their own process group
 * (so Ctrl-C reaches them once, through us), with an IPC channel whose end stops them if we die. SIGTERM,
 * SIGINT, SIGHUP, the end of our parent (npm killed) or the end of any long-running child stops all of them
 * (SIGTERM, then SIGKILL after `stopTimeoutMs`) and then this process.
 */
export class Supervisor {
  private readonly children: Child[] = [];
  private readonly options: SupervisorOptions;
  private stopping: Promise<never> | undefined;
  private firstSignalAt = 0;

  constructor(options: SupervisorOptions) {
    this.options = options;
  }

  private say(line: string): void {
    (this.options.say ?? ((text: string) => process.stderr.write(`${text}\n`)))(line);
  }

  /** Runs the steps in order, then waits; resolves never (the process ends through `stop`). */
  async start(steps: StartStep[]): Promise<void> {
    this.watchSignals();
    const context: StartContext = {
      root: this.options.root,
      run: (name, command, args) => this.runToEnd(name, command, args),
      service: (name, entry, args = []) => this.startService(name, entry, args),
      say: (line) => this.say(line),
    };
    for (const step of steps) {
      if (this.stopping) return;
      try {
        await step.run(context);
      } catch (error) {
        this.say(`npm start: ${step.name} failed: ${error instanceof Error ? error.message : String(error)}`);
        await this.stop(1);
      }
    }
  }

  private watchSignals(): void {
    for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) {
      process.on(signal, () => {
        const now = Date.now();
        if (this.stopping && now - this.firstSignalAt > SAME_SIGNAL_MS) {
          this.say(`npm start: ${signal} again, killing everything now`);
          for (const child of this.children) child.process.kill('SIGKILL');
          process.exit(130);
        }
        if (this.stopping) return;
        this.firstSignalAt = now;
        void this.stop(0);
      });
    }
    const parent = process.ppid;
    setInterval(() => {
      if (process.ppid !== parent) void this.stop(0);
    }, PARENT_POLL_MS).unref();
  }

  private spawnChild(name: string, command: string, args: string[], ipc: boolean): Child {
    const child = spawn(command, args, {
      cwd: this.options.root,
      stdio: ipc ? ['inherit', 'inherit', 'inherit', 'ipc'] : 'inherit',
      detached: true,
      env: process.env,
    });
    const exited = new Promise<number>((resolve) => {
      child.once('exit', (code, signal) => resolve(code ?? 128 + (signal ? constants.signals[signal] : 0)));
      child.once('error', (error) => {
        this.say(`npm start: ${name} could not start: ${error.message}`);
        resolve(1);
      });
    });
    const entry = { name, process: child, exited };
    this.children.push(entry);
    void exited.then(() => this.children.splice(this.children.indexOf(entry), 1));
    return entry;
  }

  private async runToEnd(name: string, command: string, args: string[]): Promise<void> {
    const code = await this.spawnChild(name, command, args, false).exited;
    if (this.stopping) await this.stopping;
    if (code !== 0) throw new Error(`${name} exited with code ${code}`);
  }

  private startService(name: string, entry: string, args: string[]): void {
    const child = this.spawnChild(name, process.execPath, ['--import', 'tsx', '--import', GUARD, entry, ...args], true);
    void child.exited.then((code) => {
      if (this.stopping) return;
      this.say(`npm start: ${name} exited (code ${code}); stopping the rest`);
      void this.stop(code === 0 ? 1 : code);
    });
  }

  /** Stops every child (SIGTERM, then SIGKILL past the timeout), then exits with `code`. */
  stop(code: number): Promise<never> {
    this.stopping ??= this.stopAll(code);
    return this.stopping;
  }

  private async stopAll(code: number): Promise<never> {
    const running = [...this.children].reverse();
    for (const child of running) child.process.kill('SIGTERM');
    const timer = setTimeout(() => {
      for (const child of running.filter((one) => this.children.includes(one))) {
        this.say(`npm start: ${child.name} did not stop within ${this.options.stopTimeoutMs} ms, killing it`);
        child.process.kill('SIGKILL');
      }
    }, this.options.stopTimeoutMs);
    await Promise.all(running.map((child) => child.exited));
    clearTimeout(timer);
    process.exit(code);
  }
}
