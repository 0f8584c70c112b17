/**
 * `npm run bench`: Saldo's GetBalance against a bare ask-sdk-core skill measured in the
 * same run, and GetBalance while voice-PIN checks (scrypt) run alongside. Figures are
 * ratios against the baseline, not absolute promises.
 */
import autocannon from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { createServer } from 'node:http';
import { loadSandboxFixture } from '../bank/sandbox/fixture';
import { parseCommandLine } from '../cli';
import { alexaIntent, alexaRequestEnvelope } from '../platforms/alexa/request-envelope';
import { hashPin } from '../security/pin-hash';

const DEFAULTS = { BENCH_SECONDS: 5, BENCH_ROUNDS: 3, BENCH_LOG_LEVEL: 'info' };
const DURATION_S = Number(process.env.BENCH_SECONDS ?? DEFAULTS.BENCH_SECONDS);
/** Each scenario runs this often, interleaved, and the median counts: a shared VM is noisy. */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? DEFAULTS.BENCH_ROUNDS);
const HELP = `usage: npm run bench

Starts Saldo and a bare ask-sdk-core skill (the baseline), drives both with autocannon
(GetBalance, 10 connections), then GetBalance with voice-PIN checks alongside, and prints
every figure as a ratio against the baseline measured in the same run.

Environment:
  BENCH_SECONDS     length of each run in seconds (default ${DEFAULTS.BENCH_SECONDS})
  BENCH_ROUNDS      runs per scenario, interleaved; the median counts (default ${DEFAULTS.BENCH_ROUNDS})
  BENCH_LOG_LEVEL   the servers' LOG_LEVEL (default ${DEFAULTS.BENCH_LOG_LEVEL})

  --help, -h        this text`;

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
      probe.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

async function start(script: string, env: NodeJS.ProcessEnv): Promise<Started> {
  const port = await freePort();
  const began = process.hrtime.bigint();
  // Logs go nowhere: piping them to this process would make the load generator pay for them.
  const child = spawn(process.execPath, [path.join(__dirname, script)], {
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
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

function envelope(
  intent: string,
  slots: Record<string, string>,
  attributes: Record<string, unknown> = {},
  token = 'sandbox-token-john',
): string {
  return JSON.stringify(
    alexaRequestEnvelope({
      request: {
        type: 'IntentRequest',
        intent: alexaIntent(
          intent,
          Object.fromEntries(Object.entries(slots).map(([name, value]) => [name, { value }])),
        ),
      },
      requestId: 'bench',
      locale: 'en-US',
      skillId: 'bench',
      userId: 'bench-user',
      accessToken: token,
      sessionId: 's',
      newSession: false,
      attributes,
      deviceId: 'bench-device',
    }),
  );
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
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
  };
}

async function post(
  port: number,
  body: string,
): Promise<{ sessionAttributes?: Record<string, unknown>; response: { outputSpeech?: { ssml?: string } } }> {
  const res = await fetch(`http://127.0.0.1:${port}/alexa`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });
  return (await res.json()) as never;
}

/**
 * Keeps PIN_CONCURRENCY confirmations in flight until stopped, each a full scrypt check:
 * one customer each, since one customer's checks take turns (the PIN lease).
 */
function pinPressure(port: number, confirmations: readonly string[]): { stop(): Promise<number> } {
  let running = true;
  let checks = 0;
  const workers = confirmations.map(async (confirmation) => {
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

function median(figures: readonly Figures[]): Figures {
  const mid = <K extends keyof Figures>(key: K) =>
    [...figures.map((f) => f[key])].sort((a, b) => a - b)[Math.floor(figures.length / 2)] as number;
  return { rps: mid('rps'), p50: mid('p50'), p99: mid('p99'), errors: figures.reduce((sum, f) => sum + f.errors, 0) };
}

/** The bundled customers plus one per PIN worker, so their PIN checks can run side by side. */
function benchFixture(dir: string): string {
  const fixture = loadSandboxFixture();
  const john = fixture.customers[0]!;
  const extra = Array.from({ length: PIN_CONCURRENCY }, (_, i) => {
    const accountIds = new Map(john.accounts.map((a, j) => [a.id, `acc-bench-${i}-${j}`]));
    return {
      ...john,
      id: `cust-bench-${i}`,
      accessToken: `bench-token-${i}-abcdef`,
      accounts: john.accounts.map((a, j) => ({
        ...a,
        id: accountIds.get(a.id) as string,
        number: `9${i}${j}00000000${i}${j}`,
      })),
      transactions: john.transactions.map((t) => ({ ...t, accountId: accountIds.get(t.accountId) as string })),
    };
  });
  const file = path.join(dir, 'bench-bank.json');
  writeFileSync(file, JSON.stringify({ ...fixture, customers: [...fixture.customers, ...extra] }));
  return file;
}

async function timeOneScrypt(): Promise<number> {
  const started = process.hrtime.bigint();
  await hashPin('2468');
  return Number(process.hrtime.bigint() - started) / 1e6;
}

function row(name: string, f: Figures, base: Figures): string {
  const ratio = (a: number, b: number) => (b === 0 ? 'n/a' : (a / b).toFixed(2));
  return `| ${name} | ${f.rps.toFixed(0)} | ${ratio(f.rps, base.rps)} | ${f.p50} | ${f.p99} | ${ratio(f.p99, base.p99)} | ${f.errors} |`;
}

async function main(): Promise<void> {
  parseCommandLine({ name: 'bench', help: HELP, options: {} });
  const dir = mkdtempSync(path.join(tmpdir(), 'saldo-bench-'));
  const saldoEnv = {
    DATABASE_URL: `sqlite:${path.join(dir, 'bench.db')}`,
    SALDO_VERIFY_REQUESTS: 'false',
    SALDO_FIXTURE: benchFixture(dir),
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? DEFAULTS.BENCH_LOG_LEVEL,
  };
  const bare = await start('bare-skill.js', {});
  const saldoFirst = await start('../server/main.js', saldoEnv);
  saldoFirst.child.kill();
  const saldo = await start('../server/main.js', saldoEnv);
  try {
    // One payment awaiting its PIN per worker: every confirmation re-checks the PIN with scrypt.
    const confirmations = await Promise.all(
      Array.from({ length: PIN_CONCURRENCY }, async (_, i) => {
        const token = `bench-token-${i}-abcdef`;
        const readBack = await post(
          saldo.port,
          envelope('PayBillIntent', { payee: 'city power', amount: '1', fromAccount: 'checking' }, {}, token),
        );
        const payment = readBack.sessionAttributes?.payment;
        if (!payment) throw new Error('no payment to confirm');
        return envelope('ProvidePinIntent', { pin: '2468' }, { payment }, token);
      }),
    );
    // Warm both up, then measure the scenarios in turn, round after round.
    await load(bare.port, BALANCE);
    await load(saldo.port, BALANCE);
    const runs: { baseline: Figures[]; balance: Figures[]; underPins: Figures[] } = {
      baseline: [],
      balance: [],
      underPins: [],
    };
    let pinChecks = 0;
    for (let round = 0; round < ROUNDS; round++) {
      runs.baseline.push(await load(bare.port, BALANCE));
      runs.balance.push(await load(saldo.port, BALANCE));
      const pressure = pinPressure(saldo.port, confirmations);
      runs.underPins.push(await load(saldo.port, BALANCE));
      pinChecks += await pressure.stop();
    }
    const baseline = median(runs.baseline);
    const balance = median(runs.balance);
    const underPins = median(runs.underPins);

    console.log(
      `\nGetBalance, ${CONNECTIONS} connections, ${DURATION_S} s per run, median of ${ROUNDS} interleaved rounds, ${cpus().length} cores\n`,
    );
    console.log('| scenario | req/s | × baseline req/s | p50 ms | p99 ms | × baseline p99 | errors |');
    console.log('|---|---|---|---|---|---|---|');
    console.log(row('bare ask-sdk-core skill (baseline)', baseline, baseline));
    console.log(row('Saldo GetBalance', balance, baseline));
    console.log(row(`Saldo GetBalance with ${PIN_CONCURRENCY} PIN checks in flight`, underPins, baseline));
    console.log(`\nPIN checks (scrypt) completed alongside: ${(pinChecks / (DURATION_S * ROUNDS)).toFixed(1)}/s`);
    console.log(
      `GetBalance under PIN load vs alone: req/s × ${(underPins.rps / balance.rps).toFixed(2)}, p99 × ${(underPins.p99 / balance.p99).toFixed(2)}`,
    );
    const scryptMs = await timeOneScrypt();
    console.log(
      `One PIN check (scrypt) takes ${scryptMs.toFixed(0)} ms here; GetBalance's p99 under PIN load is ${underPins.p99} ms (× ${(underPins.p99 / scryptMs).toFixed(2)} of one check): ` +
        (underPins.p99 < scryptMs
          ? 'the event loop is not waiting for scrypt.'
          : 'answers waited as long as a PIN check: look for blocking work.'),
    );
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
