/**
 * The server as `npm start` runs it: one bundle (scripts/bundle.js) compiled with the code
 * cache its build trained (src/server/start.ts). test/server/process.test.ts starts it; this
 * checks what a start cannot show: that the cache is one this Node accepts (a refused cache
 * still starts, only slowly), and that what the bundle leaves outside is installed in
 * production. And the Lambda handler's own bundle answers as Lambda calls it.
 */
import { execFile } from 'node:child_process';
import { builtinModules } from 'node:module';
import { readFileSync } from 'node:fs';
import Module from 'node:module';
import path from 'node:path';
import { Script } from 'node:vm';
import { alexaEnvelope } from '../support/alexa-requests';
import { startServer } from '../support/server-process';

const ROOT = path.resolve(__dirname, '../..');
const BUNDLE = path.join(ROOT, 'dist/bundle/server.js');
const source = readFileSync(BUNDLE, 'utf8');

it('the code cache the build trained is accepted for the bundle by this Node', () => {
  const script = new Script(Module.wrap(source), {
    filename: BUNDLE,
    cachedData: readFileSync(`${BUNDLE}.v8cache`),
  });
  expect(script.cachedDataRejected).toBe(false);
});

it('a cache for other code is refused, not run', () => {
  const other = new Script(Module.wrap('module.exports = 1;'), { filename: 'other.js' }).createCachedData();
  const script = new Script(Module.wrap(source), { filename: BUNDLE, cachedData: other });
  expect(script.cachedDataRejected).toBe(true);
});

describe('node dist/server/start.js, on a scratch store', () => {
  const env = { DATABASE_URL: 'sqlite::memory:', SALDO_VERIFY_REQUESTS: 'false' };
  const REFUSED = 'V8 refused the code cache';

  it("starts on the build's cache under Node's own flags: no refusal said", async () => {
    const server = await startServer(env);
    await server.stop();
    expect(server.output()).not.toContain(REFUSED);
  }, 30_000);

  it('hands V8 the cache: under other V8 flags V8 refuses it, the server says so and serves all the same', async () => {
    const server = await startServer(env, [
      process.execPath,
      '--max-semi-space-size=32',
      path.join(ROOT, 'dist/server/start.js'),
    ]);
    const answer = await fetch(`${server.url}/healthz`);
    await server.stop();
    expect(answer.status).toBe(200);
    expect(server.output()).toContain(REFUSED);
  }, 30_000);
});

it('every package the bundle leaves outside is a built-in or a production dependency', () => {
  const { dependencies } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>;
  };
  const required = new Set([...source.matchAll(/\brequire\("([^"]+)"\)/g)].map((m) => m[1]!));
  const outside = [...required].filter((name) => !name.startsWith('node:') && !builtinModules.includes(name));
  expect(outside.length).toBeGreaterThan(0);
  // pino-pretty, a development dependency, is tried on a terminal only (src/app/logger.ts).
  expect(outside.filter((name) => !(name in dependencies))).toEqual(['pino-pretty']);
  // A dynamic import() would need a module loader the plain script it is compiled as lacks.
  expect(source).not.toMatch(/\bimport\(/);
});

it('the bundled Lambda handler answers a balance from the function environment', async () => {
  const envelope = alexaEnvelope({ intent: 'GetBalanceIntent', token: 'sandbox-token-john' });
  const script = `require(${JSON.stringify(path.join(ROOT, 'dist/bundle/lambda.js'))}).handler(
    JSON.parse(process.argv[1]), {}, (error, response) => {
      process.stdout.write(JSON.stringify(error ? { error: error.message } : response));
      process.exit(0);
    });`;
  const output = await new Promise<string>((resolve, reject) =>
    execFile(
      process.execPath,
      ['-e', script, JSON.stringify(envelope)],
      { env: { PATH: process.env.PATH, DATABASE_URL: 'sqlite::memory:', LOG_LEVEL: 'silent' }, timeout: 30_000 },
      (error, stdout) => (error ? reject(error) : resolve(stdout)),
    ),
  );
  const response = JSON.parse(output) as { response?: { outputSpeech?: { ssml?: string } } };
  expect(response.response?.outputSpeech?.ssml).toContain('$1,234.56 available');
}, 30_000);
