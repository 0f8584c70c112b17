#!/usr/bin/env node
/*
 * `npm run dev`: tsc in watch mode plus the server under `node --watch`, restarted whenever
 * the compiled output changes. Logs are pretty on a terminal (src/app/logger.ts).
 * Ctrl-C stops both.
 */
'use strict';
const { spawn, spawnSync } = require('node:child_process');
const { existsSync } = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const tsc = require.resolve('typescript/bin/tsc', { paths: [root] });
const project = path.join(root, 'tsconfig.build.json');

// The server needs a first build to start from; later ones come from the watcher.
if (!existsSync(path.join(root, 'dist/server/main.js'))) {
  const first = spawnSync(process.execPath, [tsc, '-p', project], { cwd: root, stdio: 'inherit' });
  if (first.status !== 0) process.exit(first.status ?? 1);
}
const children = [
  spawn(process.execPath, [tsc, '-p', project, '--watch', '--preserveWatchOutput'], { cwd: root, stdio: 'inherit' }),
  spawn(process.execPath, ['--watch-path=dist', '--watch-preserve-output', 'dist/server/main.js'], {
    cwd: root,
    stdio: 'inherit',
  }),
];
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => children.forEach((child) => child.kill(signal)));
}
for (const child of children) child.on('exit', () => children.forEach((other) => other.kill('SIGTERM')));
