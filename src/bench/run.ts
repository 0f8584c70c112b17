/**
 * `npm run bench`: Saldo's GetBalance against a bare ask-sdk-core skill measured in the
 * same run, and GetBalance while voice-PIN checks (scrypt) run alongside. Figures are
 * ratios against the baseline, not absolute promises.
 */
import autocannon from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createServer } from 'node:http';

const DURATION_S = Number(process.env.BENCH_SECONDS ?? 8);
const CONNECTIONS = 10;
const PIN_CONCURRENCY = 4;

interface Started {
  readonly port: number;
  readonly startMs: number;
  readonly child: ChildProcess;
}

/** A free port on loopback, so the child's readiness can be polled without parsing its logs. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function start(script: string, env: NodeJS.ProcessEnv): Promise<Started> {
  const port = await freePort();
  const began = process.hrtime.bigint();
  // Logs go nowhere: piping them to this process would make the load generator pay for them.
  const child = spawn(process.execPath, [path.join(__dirname, script)], { env: { ...process.env, ...env, PORT: String(port) }, stdio: ['ignore', 'ignore', 'inherit'] });
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${script} exited with ${child.exitCode}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (res.status < 500) return { port, startMs: Number(process.hrtime.bigint() - began) / 1e6, child };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

function envelope(intent: string, slots: Record<string, string>, attributes: Record<string, unknown> = {}): string {
  const user = { userId: 'bench-user', accessToken: 'sandbox-token-john' };
  return JSON.stringify({
    version: '1.0',
    session: { new: false, sessionId: 's', application: { applicationId: 'bench' }, attributes, user },
    context: { System: { application: { applicationId: 'bench' }, user } },
    request: {
      type: 'IntentRequest',
      requestId: 'bench',
      timestamp: new Date().toISOString(),
      locale: 'en-US',
      intent: { name: intent, slots: Object.fromEntries(Object.entries(slots).map(([name, value]) => [name, { name, value }])) },
    },
  });
}

const BALANCE = envelope('GetBalanceIntent', { accountType: 'checking' });

interface Figures {
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  readonly errors: number;
}

async function load(port: number, body: string): Promise<Figures> {
  const result = await autocannon({
    url: `http://127.0.0.1:${port}/alexa`,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
    connections: CONNECTIONS,
    duration: DURATION_S,
  });
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors + result.non2xx };
}

async function post(port: number, body: string): Promise<{ sessionAttributes?: Record<string, unknown>; response: { outputSpeech?: { ssml?: string } } }> {
  const res = await fetch(`http://127.0.0.1:${port}/alexa`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  return (await res.json()) as never;
}

/** Keeps PIN_CONCURRENCY confirmations (each a full scrypt check) in flight until stopped. */
function pinPressure(port: number, confirmation: string): { stop(): Promise<number> } {
  let running = true;
  let checks = 0;
  const workers = Array.from({ length: PIN_CONCURRENCY }, async () => {
    while (running) {
      await post(port, confirmation);
      checks += 1;
    }
  });
  return {
    async stop() {
      running = false;
      await Promise.all(workers);
      return checks;
    },
  };
}

function row(name: string, f: Figures, base: Figures): string {
  const ratio = (a: number, b: number) => (b === 0 ? 'n/a' : (a / b).toFixed(2));
  return `| ${name} | ${f.rps.toFixed(0)} | ${ratio(f.rps, base.rps)} | ${f.p50} | ${f.p99} | ${ratio(f.p99, base.p99)} | ${f.errors} |`;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'saldo-bench-'));
  const saldoEnv = { DATABASE_URL: `sqlite:${path.join(dir, 'bench.db')}`, SALDO_VERIFY_REQUESTS: 'false', LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'info' };
  const bare = await start('bare-skill.js', {});
  const saldoFirst = await start('../server/main.js', saldoEnv);
  saldoFirst.child.kill();
  const saldo = await start('../server/main.js', saldoEnv);
  try {
    // Warm both up, then measure the baseline and Saldo in turn.
    await load(bare.port, BALANCE);
    await load(saldo.port, BALANCE);
    const baseline = await load(bare.port, BALANCE);
    const balance = await load(saldo.port, BALANCE);

    // A payment awaiting its PIN: every confirmation re-checks the PIN with scrypt.
    const readBack = await post(saldo.port, envelope('PayBillIntent', { payee: 'city power', amount: '1', fromAccount: 'checking' }));
    const payment = readBack.sessionAttributes?.payment;
    if (!payment) throw new Error('no payment to confirm');
    const pressure = pinPressure(saldo.port, envelope('ProvidePinIntent', { pin: '2468' }, { payment }));
    const underPins = await load(saldo.port, BALANCE);
    const pinChecks = await pressure.stop();

    console.log(`\nGetBalance, ${CONNECTIONS} connections, ${DURATION_S} s each, on ${process.platform} with ${require('node:os').cpus().length} cores\n`);
    console.log('| scenario | req/s | × baseline req/s | p50 ms | p99 ms | × baseline p99 | errors |');
    console.log('|---|---|---|---|---|---|---|');
    console.log(row('bare ask-sdk-core skill (baseline)', baseline, baseline));
    console.log(row('Saldo GetBalance', balance, baseline));
    console.log(row(`Saldo GetBalance with ${PIN_CONCURRENCY} PIN checks in flight`, underPins, baseline));
    console.log(`\nPIN checks completed during the last run: ${pinChecks} (${(pinChecks / DURATION_S).toFixed(1)}/s)`);
    console.log(`GetBalance under PIN load vs alone: req/s × ${(underPins.rps / balance.rps).toFixed(2)}, p99 × ${(underPins.p99 / balance.p99).toFixed(2)}`);
    console.log(
      `Start-up until listening: bare skill ${bare.startMs.toFixed(0)} ms; Saldo ${saldo.startMs.toFixed(0)} ms (first start with migrations and PIN enrolment ${saldoFirst.startMs.toFixed(0)} ms)`,
    );
  } finally {
    bare.child.kill();
    saldo.child.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
