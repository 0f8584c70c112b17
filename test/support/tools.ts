/** Saldo's commands run as npm runs them: through scripts/launch.js. */
import { execFile } from 'node:child_process';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '../..');

export const COMMANDS = {
  start: 'dist/server/start.js',
  pin: 'dist/tools/pin.js',
  models: 'dist/language/generate.js',
  bench: 'dist/bench/run.js',
  'bank:sandbox': 'dist/bank/openbanking/sandbox/main.js',
  'bank:sandbox:bg': 'dist/bank/berlingroup/sandbox/main.js',
  simulate: 'dist/simulator/main.js',
  'eval:language': 'dist/simulator/evaluate.js',
} as const;

export function launch(
  entry: string,
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [path.join(ROOT, 'scripts/launch.js'), entry, ...args],
      { cwd: ROOT, env: { ...process.env, ...env }, timeout: 60_000 },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}
