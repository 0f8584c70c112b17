/**
 * `npm start` (and the container's command): the server as one bundled file
 * (dist/bundle/server.js, scripts/bundle.js), compiled with the V8 code cache that the
 * build made for it, so a cold start neither resolves ~400 modules nor compiles what the
 * first request runs. The cache is read-only here: only the build writes it (a training
 * start, SALDO_CODE_CACHE=write), so nothing the server can write is ever run as code.
 * A cache V8 refuses (another Node version or V8 flags) costs the start-up time, nothing else;
 * a line on standard error says so, since no logger exists yet.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import path from 'node:path';
import { Script } from 'node:vm';

const BUNDLE = path.resolve(__dirname, '../bundle/server.js');
const CODE_CACHE = `${BUNDLE}.v8cache`;

function readCache(): Buffer | undefined {
  try {
    return readFileSync(CODE_CACHE);
  } catch {
    return undefined;
  }
}

function start(): void {
  const cachedData = process.env.SALDO_CODE_CACHE === 'write' ? undefined : readCache();
  const script = new Script(Module.wrap(readFileSync(BUNDLE, 'utf8')), { filename: BUNDLE, cachedData });
  if (script.cachedDataRejected) {
    process.stderr.write(
      `saldo: V8 refused the code cache (${CODE_CACHE}): another Node version or V8 flags? Starting without it, more slowly; \`npm run build\` makes a new one.\n`,
    );
  }
  if (process.env.SALDO_CODE_CACHE === 'write') {
    // At exit the cache holds every function start-up and the training requests compiled.
    process.once('exit', () => {
      const written = `${CODE_CACHE}.${process.pid}`;
      writeFileSync(written, script.createCachedData());
      renameSync(written, CODE_CACHE);
    });
  }
  const bundle = new Module(BUNDLE, module);
  bundle.filename = BUNDLE;
  process.argv[1] = BUNDLE;
  const compiled = script.runInThisContext() as (
    exports: unknown,
    require: NodeJS.Require,
    module: Module,
    filename: string,
    dirname: string,
  ) => void;
  compiled.call(bundle.exports, bundle.exports, createRequire(BUNDLE), bundle, BUNDLE, path.dirname(BUNDLE));
}

start();
