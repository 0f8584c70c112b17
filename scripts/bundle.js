#!/usr/bin/env node
/*
 * `npm run build`'s second step: the server as one file, dist/bundle/server.js (esbuild), and
 * the AWS Lambda handler as another, dist/bundle/lambda.js. Start-up is what it is for:
 * loading ~400 files through Node's resolver (stat, package.json, compile each) was half of
 * a cold start. Packages that a request may never need, or that
 * cannot live in a bundle, stay in node_modules and load as before:
 *  - better-sqlite3, a native addon;
 *  - loaded only when configured: pg, prom-client (when /metrics is first scraped), the
 *    Google SDK (first /google request), yaml (SALDO_CONFIG), the Open Banking validator;
 *  - iconv-lite: raw-body requires it, and its encoding tables are most of its size (a
 *    dependency of Saldo's own for that reason, in raw-body's version).
 * zod resolves to its ES modules, so that the locales nobody reads are left out.
 *
 * Then a training start makes the V8 code cache dist/server/start.js compiles the bundle
 * with: the bundled server starts on a scratch SQLite store with the bundled fixture,
 * answers a launch and a balance over HTTP, and writes the cache as it stops. The run is
 * also the bundle's smoke test: a bundle that cannot serve fails the build.
 */
'use strict';
const esbuild = require('esbuild');
const { spawn } = require('node:child_process');
const { existsSync, mkdtempSync, readFileSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const path = require('node:path');
const { createInterface } = require('node:readline');

const root = path.resolve(__dirname, '..');
const outdir = path.join(root, 'dist/bundle');
const serverBundle = path.join(outdir, 'server.js');

const EXTERNAL = [
  'better-sqlite3',
  // A development dependency, loaded on a terminal only (src/app/logger.ts).
  'pino-pretty',
  'pg',
  'prom-client',
  '@assistant/conversation',
  'yaml',
  'express-openapi-validator',
  'iconv-lite',
];

/**
 * A source file's __dirname is where tsc puts it (dist/<its folder>), as unbundled: the
 * paths it resolves from there (the bundled fixture) stay right wherever the bundle lives.
 */
const distDirnames = {
  name: 'dist-dirnames',
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      if (!source.includes('__dirname')) return undefined;
      const distDir = path.join(root, 'dist', path.relative(path.join(root, 'src'), path.dirname(args.path)));
      const fromBundle = JSON.stringify(path.relative(outdir, distDir));
      return {
        contents: source.replace(/\b__dirname\b/g, `require('node:path').resolve(__dirname, ${fromBundle})`),
        loader: 'ts',
      };
    });
  },
};

/** Resolves with the port once the server logs that it listens; rejects if it exits first. */
function listeningPort(child) {
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      try {
        const entry = JSON.parse(line);
        if (entry.msg === 'saldo listening') resolve(entry.port);
      } catch {
        // not a log line
      }
    });
    child.once('exit', (code) => reject(new Error(`the bundled server exited with ${code} while starting`)));
  });
}

async function answer(port, body) {
  const res = await fetch(`http://127.0.0.1:${port}/alexa`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const reply = await res.json();
  if (res.status !== 200 || !reply.response?.outputSpeech) throw new Error(`the bundled server answered ${res.status}`);
}

async function trainCodeCache() {
  const { alexaIntent, alexaRequestEnvelope } = require(path.join(root, 'dist/platforms/alexa/request-envelope.js'));
  const envelope = (request) =>
    alexaRequestEnvelope({
      request,
      requestId: 'build',
      locale: 'en-US',
      skillId: 'build',
      userId: 'build',
      accessToken: 'sandbox-token-john',
      sessionId: 'build',
      newSession: false,
      attributes: {},
      deviceId: 'build',
    });
  const dir = mkdtempSync(path.join(tmpdir(), 'saldo-build-'));
  // The defaults, whatever the builder's environment says (its fixture, store or banks).
  const child = spawn(process.execPath, [path.join(root, 'dist/server/start.js')], {
    cwd: root,
    env: {
      PATH: process.env.PATH,
      SALDO_CODE_CACHE: 'write',
      PORT: '0',
      DATABASE_URL: `sqlite:${path.join(dir, 'build.db')}`,
      SALDO_VERIFY_REQUESTS: 'false',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  try {
    const port = await listeningPort(child);
    await answer(port, envelope({ type: 'LaunchRequest' }));
    await answer(
      port,
      envelope({
        type: 'IntentRequest',
        intent: alexaIntent('GetBalanceIntent', { accountType: { value: 'checking' } }),
      }),
    );
  } finally {
    child.kill('SIGTERM');
    const code = await exited;
    rmSync(dir, { recursive: true, force: true });
    if (code !== 0) throw new Error(`the bundled server stopped with ${code}`);
  }
  if (!existsSync(`${serverBundle}.v8cache`)) throw new Error('the training start wrote no code cache');
}

esbuild
  .build({
    entryPoints: {
      server: path.join(root, 'src/server/main.ts'),
      lambda: path.join(root, 'src/platforms/alexa/lambda.ts'),
    },
    outdir,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    mainFields: ['module', 'main'],
    // import() of a package left outside becomes a require: the bundle is compiled as a
    // plain script (dist/server/start.js), which has no module loader for import().
    supported: { 'dynamic-import': false },
    minify: true,
    // Error messages and logs name functions as written.
    keepNames: true,
    external: EXTERNAL,
    plugins: [distDirnames],
    logLevel: 'warning',
  })
  .then(trainCodeCache)
  .catch((error) => {
    if (error instanceof Error && !('errors' in error)) console.error(`bundle: ${error.message}`);
    process.exit(1);
  });
