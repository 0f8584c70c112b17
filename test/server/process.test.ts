/**
 * The server as a process, the built one a supervisor runs: it stops on SIGTERM/SIGINT
 * after answering what it already received, refuses to pretend when its port is taken,
 * and start-up errors name the variable to fix.
 */
import { once } from 'node:events';
import { createServer, type Server, connect } from 'node:net';
import { alexaEnvelope } from '../support/alexa-requests';
import { startServer, type ServerProcess } from '../support/server-process';

const ENV = { SALDO_VERIFY_REQUESTS: 'false', DATABASE_URL: 'sqlite::memory:' };

function exited(server: ServerProcess): Promise<number | null> {
  const { child } = server;
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return once(child, 'exit').then(([code]) => code as number | null);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function startFails(env: NodeJS.ProcessEnv): Promise<string> {
  const error = await startServer({ ...ENV, ...env }).then(
    (server) => server.stop().then(() => new Error('the server started')),
    (failure: Error) => failure,
  );
  return error.message;
}

describe.each([['SIGTERM'], ['SIGINT']] as const)('on %s the server', (signal) => {
  it('answers the request it is reading, logs "stopping" and "stopped", and exits 0', async () => {
    const server = await startServer(ENV);
    const { port } = new URL(server.url);
    const body = JSON.stringify(alexaEnvelope());
    const socket = connect(Number(port), '127.0.0.1');
    let received = '';
    socket.on('data', (chunk: Buffer) => (received += chunk.toString()));
    // "Expect: 100-continue" makes the server say when it holds the request: it is in flight from then on.
    socket.write(
      `POST /alexa HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nExpect: 100-continue\r\n\r\n`,
    );
    while (!received.includes('100 Continue')) await once(socket, 'data');

    server.child.kill(signal);
    expect(await server.waitForLog('stopping')).toMatchObject({ signal });
    socket.end(body);
    await once(socket, 'close');

    expect(received).toMatch(/HTTP\/1\.1 200 OK/);
    expect(received).toContain('"outputSpeech"');
    expect(await exited(server)).toBe(0);
    await server.waitForLog('stopped');
  }, 30_000);
});

it('started with npm start, stops when npm is sent SIGTERM (no orphan keeps serving)', async () => {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const server = await startServer(ENV, [npm, 'start', '--silent']);
  expect(server.pid).not.toBe(server.child.pid);
  try {
    server.child.kill('SIGTERM');
    await server.waitForLog('stopped');
    await exited(server);
    while (isRunning(server.pid)) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(isRunning(server.pid)).toBe(false);
  } finally {
    if (isRunning(server.pid)) process.kill(server.pid, 'SIGKILL');
  }
}, 60_000);

describe('start-up errors', () => {
  let taken: Server;
  afterEach(() => taken?.close());

  it('a port in use exits 1 and says so, naming PORT', async () => {
    taken = createServer().listen(0, '0.0.0.0');
    await once(taken, 'listening');
    const { port } = taken.address() as { port: number };
    const message = await startFails({ PORT: String(port) });
    expect(message).toMatch(/^server exited with 1:/);
    expect(message).toContain(`port ${port} is in use (PORT)`);
    expect(message).not.toContain('saldo listening');
  }, 30_000);

  it.each([
    [
      'SALDO_FIXTURE',
      { SALDO_FIXTURE: '/nonexistent/fixture.json' },
      /SALDO_FIXTURE \/nonexistent\/fixture\.json: ENOENT/,
    ],
    [
      'DATABASE_URL',
      { DATABASE_URL: 'postgres://saldo:secret-password@127.0.0.1:1/saldo' },
      /DATABASE_URL postgres:\/\/saldo@127\.0\.0\.1:1\/saldo: connection refused/,
    ],
    ['SALDO_CONFIG', { SALDO_CONFIG: '/nonexistent/banks.yaml' }, /SALDO_CONFIG \/nonexistent\/banks\.yaml: ENOENT/],
    ['SALDO_VERIFY_REQUESTS', { SALDO_VERIFY_REQUESTS: 'maybe' }, /SALDO_VERIFY_REQUESTS: /],
  ])(
    '%s: exits 1 naming the variable',
    async (_name, env, expected) => {
      const message = await startFails(env);
      expect(message).toMatch(/^server exited with 1:/);
      expect(message).toMatch(expected);
      expect(message).not.toContain('secret-password');
      expect(message).not.toMatch(/\n\s+at /);
    },
    30_000,
  );
});
