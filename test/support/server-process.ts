/** `node dist/server/start.js` (or `npm start`) as a child process, the way a supervisor runs it. */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';

export interface ServerProcess {
  readonly url: string;
  readonly child: ChildProcess;
  /** The server's own process id (not npm's, when started through npm). */
  readonly pid: number;
  /** Resolves with the first log entry whose msg is `message`, logged already or to come. */
  waitForLog(message: string): Promise<Record<string, unknown>>;
  /** Standard output and error so far. */
  output(): string;
  stop(): Promise<void>;
}

const ROOT = path.resolve(__dirname, '../..');
const MAIN = path.join(ROOT, 'dist/server/start.js');

/** Starts the built server; `command` replaces `node dist/server/start.js` (e.g. `npm start`). */
export function startServer(
  env: NodeJS.ProcessEnv,
  command: readonly string[] = [process.execPath, MAIN],
): Promise<ServerProcess> {
  const [file, ...args] = command as [string, ...string[]];
  const child = spawn(file, args, {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const entries: Record<string, unknown>[] = [];
  const waiting: { message: string; resolve: (entry: Record<string, unknown>) => void }[] = [];
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  const lines = createInterface({ input: child.stdout! });
  lines.on('line', (line) => {
    output.push(`${line}\n`);
    let entry: Record<string, unknown>;
    try {
      entry = JSON.parse(line) as Record<string, unknown>;
    } catch {
      return; // not a log line
    }
    entries.push(entry);
    for (const waiter of waiting.filter((w) => w.message === entry.msg)) {
      waiting.splice(waiting.indexOf(waiter), 1);
      waiter.resolve(entry);
    }
  });
  const waitForLog = (message: string) =>
    new Promise<Record<string, unknown>>((resolve) => {
      const seen = entries.find((entry) => entry.msg === message);
      if (seen) resolve(seen);
      else waiting.push({ message, resolve });
    });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`server did not start within 20 s: ${output.join('')}`));
    }, 20_000);
    // Output may still be arriving when the process exits: report it once the streams end.
    child.once('close', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}: ${output.join('')}`));
    });
    void waitForLog('saldo listening').then((entry) => {
      clearTimeout(timer);
      child.removeAllListeners('close');
      resolve({
        url: `http://127.0.0.1:${String(entry.port)}`,
        child,
        pid: Number(entry.pid),
        waitForLog,
        output: () => output.join(''),
        stop: () =>
          new Promise((done) => {
            if (child.exitCode !== null || child.signalCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
  });
}
