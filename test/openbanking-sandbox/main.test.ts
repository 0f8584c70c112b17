/**
 * `npm run bank:sandbox` runs dist/bank/openbanking/sandbox/main.js (`npm test` builds dist
 * first; run alone, this suite builds it when missing).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { AIS, JOHN } from './helpers';

const ROOT = path.resolve(__dirname, '../..');
const MAIN = path.join(ROOT, 'dist/bank/openbanking/sandbox/main.js');

let child: ChildProcess | undefined;
let dir: string;

beforeAll(() => {
  if (!existsSync(MAIN)) {
    try {
      execFileSync(
        process.execPath,
        [require.resolve('typescript/bin/tsc'), '-p', path.join(ROOT, 'tsconfig.build.json')],
        { cwd: ROOT, stdio: 'ignore' },
      );
    } catch {
      // Type errors elsewhere still emit; the check below is what matters.
    }
  }
  expect(existsSync(MAIN)).toBe(true);
  dir = mkdtempSync(path.join(tmpdir(), 'bank-sandbox-main-'));
}, 120_000);

afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child?.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
  rmSync(dir, { recursive: true, force: true });
});

function start(env: NodeJS.ProcessEnv): Promise<{ port: number; lines: string[] }> {
  child = spawn(process.execPath, [MAIN], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const errors: string[] = [];
  child.stderr?.on('data', (chunk: Buffer) => errors.push(chunk.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no listening line within 20 s: ${errors.join('')}`)), 20_000);
    child?.once('exit', (code) => reject(new Error(`bank sandbox exited with ${code}: ${errors.join('')}`)));
    createInterface({ input: child!.stdout! }).on('line', (line) => {
      lines.push(line);
      try {
        const entry = JSON.parse(line) as { msg?: string; port?: number };
        if (entry.msg === 'open banking sandbox bank listening' && entry.port) {
          clearTimeout(timer);
          resolve({ port: entry.port, lines });
        }
      } catch {
        // not a log line
      }
    });
  });
}

it('serves the fixture over Open Banking with its own store, logging with pino and no tokens', async () => {
  const database = path.join(dir, 'bank.db');
  const { port, lines } = await start({
    BANK_SANDBOX_PORT: '0',
    BANK_SANDBOX_DATABASE_URL: `sqlite:${database}`,
    BANK_SANDBOX_FAULTS: 'true',
    LOG_LEVEL: 'info',
  });
  const response = await fetch(`http://127.0.0.1:${port}${AIS}/accounts`, {
    headers: { authorization: `Bearer ${JOHN}` },
  });
  expect(response.status).toBe(200);
  const body = (await response.json()) as { Data: { Account: { AccountId: string }[] } };
  expect(body.Data.Account.map((a) => a.AccountId)).toEqual(['acc-john-chk', 'acc-john-sav', 'acc-john-cc']);
  const faults = await fetch(`http://127.0.0.1:${port}/__faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ path: '/party$', status: 503, times: 1 }),
  });
  expect(faults.status).toBe(201);
  expect(
    (await fetch(`http://127.0.0.1:${port}${AIS}/party`, { headers: { authorization: `Bearer ${JOHN}` } })).status,
  ).toBe(503);
  expect(existsSync(database)).toBe(true);
  await new Promise((resolve) => setTimeout(resolve, 100));
  const log = lines.join('\n');
  expect(log).toContain('"service":"bank-sandbox"');
  expect(log).toContain('open banking sandbox request');
  expect(log).not.toContain(JOHN);
  expect(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).toContain(
    '"bank:sandbox": "exec node scripts/launch.js dist/bank/openbanking/sandbox/main.js"',
  );
});
