import { Writable } from 'node:stream';

/** One line of the hub's JSON log (pino). */
export interface LogLine {
  level: number;
  msg?: string;
  [key: string]: unknown;
}

/** A log stream for a hub under test, and the lines it has written so far (parsed, in order). */
export function logCollector(): { logs: LogLine[]; stream: Writable } {
  const logs: LogLine[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) logs.push(JSON.parse(line) as LogLine);
      done();
    },
  });
  return { logs, stream };
}
