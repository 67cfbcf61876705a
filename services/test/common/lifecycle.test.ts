import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { repoRoot } from '../../src/common/paths.js';

describe('startServer', () => {
  it('on SIGTERM lets the open request finish, runs onClose hooks and exits 0', async () => {
    const root = repoRoot();
    const child = spawn(path.join(root, 'node_modules/.bin/tsx'), [path.join(root, 'services/test/common/fixtures/graceful-server.ts')], {
      env: { ...process.env, MLHUB_PORT: '0', MLHUB_LOG_LEVEL: 'silent' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    const seen = (text: string): Promise<void> =>
      new Promise((resolve) => {
        const check = (): void => {
          if (output.includes(text)) {
            child.stdout.off('data', check);
            resolve();
          }
        };
        child.stdout.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          check();
        });
        check();
      });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const early = exited.then((code) => {
      throw new Error(`the server exited early with ${code}: ${output}`);
    });
    early.catch(() => undefined);
    try {
      await Promise.race([seen('listening '), early]);
      const url = /listening (\S+)/.exec(output)?.[1] as string;
      const answer = fetch(`${url}/slow`).then(async (response) => ({
        status: response.status,
        body: (await response.json()) as { result: unknown },
      }));
      await Promise.race([seen('slow request started'), early]);
      child.kill('SIGTERM');
      const { status, body } = await answer;
      expect(status).toBe(200);
      expect(body.result).toEqual({ finished: true });
      expect(await exited).toBe(0);
      expect(output).toContain('closed');
    } finally {
      child.kill('SIGKILL');
    }
  });
});
