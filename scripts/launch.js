#!/usr/bin/env node
/*
 * `node scripts/launch.js dist/<tool>.js [args…]`: builds (tsc, then the server's bundle)
 * only when src changed since the last build, then runs the tool in this very process, so a
 * no-change start costs a few milliseconds and signals from a supervisor reach the tool itself.
 */
'use strict';
const { spawnSync } = require('node:child_process');
const { existsSync, readdirSync, statSync, utimesSync } = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const stamp = path.join(root, 'dist', '.tsbuildinfo');
const inputs = [path.join(root, 'src'), path.join(root, 'tsconfig.json'), path.join(root, 'tsconfig.build.json')];

function newestChange(file) {
  const stats = statSync(file);
  if (!stats.isDirectory()) return stats.mtimeMs;
  return readdirSync(file).reduce((newest, name) => Math.max(newest, newestChange(path.join(file, name))), 0);
}

function buildIfStale() {
  // An image built without its sources runs what it has.
  if (!existsSync(inputs[0])) return;
  const built = existsSync(stamp) ? statSync(stamp).mtimeMs : 0;
  if (Math.max(...inputs.filter(existsSync).map(newestChange)) <= built) return;
  process.stderr.write('saldo: building (src changed since the last build)…\n');
  const tsc = require.resolve('typescript/bin/tsc', { paths: [root] });
  const result = spawnSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.build.json')], {
    cwd: root,
    stdio: 'inherit',
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
  const bundled = spawnSync(process.execPath, [path.join(root, 'scripts/bundle.js')], { cwd: root, stdio: 'inherit' });
  if (bundled.status !== 0) process.exit(bundled.status ?? 1);
  // tsc leaves its build info untouched when no output changed: mark the sources as built anyway.
  const now = new Date();
  utimesSync(stamp, now, now);
}

const entry = process.argv[2];
if (!entry) {
  process.stderr.write('usage: node scripts/launch.js dist/<entry>.js [args…]\n');
  process.exit(2);
}
buildIfStale();
// Run as the main module with its own arguments, exactly as `node dist/<entry>.js args…` would.
process.argv.splice(1, 2, path.resolve(root, entry));
require('node:module').runMain();
