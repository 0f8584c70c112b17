/**
 * `npm run bench`: Saldo against a bare ask-sdk-core skill measured in the same run, on
 * SQLite and on PostgreSQL; start-up, latency at a fixed rate, memory over many requests,
 * and two processes on one PostgreSQL. Figures are ratios against the baseline, not
 * absolute promises (see --help).
 */
import autocannon from 'autocannon';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { hashPin } from '../security/pin-hash';
import { GOOGLE_SCENES } from '../shared/google-scenes';
import { parseCommandLine } from '../cli';
import { alexaIntent, alexaRequestEnvelope } from '../platforms/alexa/request-envelope';
import { benchFixture, payingToken } from './fixture';
import { compareFigures, formatChanges, parseOptions, USAGE, type BenchOptions, type Engine } from './options';
import { cleanUp, cleanUpOnSignals, onCleanup, startServer, waitUntil, type Server } from './processes';

const CONNECTIONS = 10;
const PIN_CONCURRENCY = 4;
/** The fixed rate at which latency is measured. */
const LATENCY_RATE = 200;
/** Customers of the bench's own, one per connection that pays (their PIN checks run side by side). */
const PAYING_CUSTOMERS = CONNECTIONS + PIN_CONCURRENCY;
const PIN = '2468';
/** The server as `npm start` runs it: the bundle, compiled with its build's code cache. */
const SALDO = path.join(__dirname, '../server/start.js');
const BARE = path.join(__dirname, 'bare-skill.js');
const PROBE = path.join(__dirname, 'memory-probe.js');

function alexaBody(
  intent: string | undefined,
  slots: Record<string, string> = {},
  attributes: Record<string, unknown> = {},
  token = 'sandbox-token-john',
): string {
  return JSON.stringify(
    alexaRequestEnvelope({
      request: intent
        ? {
            type: 'IntentRequest',
            intent: alexaIntent(
              intent,
              Object.fromEntries(Object.entries(slots).map(([name, value]) => [name, { value }])),
            ),
          }
        : { type: 'LaunchRequest' },
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

function googleBody(handler: string, params: Record<string, string>): string {
  return JSON.stringify({
    handler: { name: handler },
    intent: {
      name: handler,
      params: Object.fromEntries(Object.entries(params).map(([k, v]) => [k, { original: v, resolved: v }])),
      query: '',
    },
    scene: { name: GOOGLE_SCENES.main, slotFillingStatus: 'UNSPECIFIED', slots: {} },
    // A turn within a conversation, as the Alexa scenarios' (not the first, which also sends the customer's entities).
    session: { id: 'bench-session', params: { started: true }, typeOverrides: [], languageCode: '' },
    user: {
      locale: 'en-US',
      params: { bearerToken: 'sandbox-token-john' },
      accountLinkingStatus: 'LINKED',
      verificationStatus: 'VERIFIED',
    },
    home: { params: {} },
    device: { capabilities: ['SPEECH', 'RICH_RESPONSE'] },
  });
}

const BALANCE = alexaBody('GetBalanceIntent', { accountType: 'checking' });
const payBill = (token: string) =>
  alexaBody('PayBillIntent', { payee: 'city power', amount: '1', fromAccount: 'checking' }, {}, token);
const providePin = (token: string, payment: unknown) => alexaBody('ProvidePinIntent', { pin: PIN }, { payment }, token);

interface Load {
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  readonly errors: number;
}

type Scenario = (port: number, seconds: number) => Promise<Load>;

function figuresOf(result: autocannon.Result, failed = 0): Load {
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx + result.timeouts + failed,
  };
}

async function post(port: number, route: string, body: string): Promise<Record<string, unknown>> {
  const res = await fetch(`http://127.0.0.1:${port}${route}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });
  if (res.status !== 200) throw new Error(`${route} answered ${res.status}`);
  return (await res.json()) as Record<string, unknown>;
}

function constant(route: string, body: string): Scenario {
  return async (port, seconds) =>
    figuresOf(
      await autocannon({
        url: `http://127.0.0.1:${port}${route}`,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
        connections: CONNECTIONS,
        duration: seconds,
      }),
    );
}

/** Whether an answer to the PIN says the bill was paid ("Done. I've paid …", in any of its phrasings). */
const paid = (body: Record<string, unknown>) =>
  String((body.response as { outputSpeech?: { ssml?: string } } | undefined)?.outputSpeech?.ssml ?? '').includes(
    'I&apos;ve paid',
  );

/** What one autocannon connection remembers between its requests. */
interface PayingConnection {
  token?: string;
  payment?: string;
}

/**
 * Each connection is a customer paying a bill: the read-back (PayBill), then the PIN,
 * checked with scrypt; a PIN answer that does not say the bill was paid counts as an error.
 */
const payments: Scenario = async (port, seconds) => {
  let next = 0;
  let failed = 0;
  const result = await autocannon({
    url: `http://127.0.0.1:${port}/alexa`,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    connections: CONNECTIONS,
    duration: seconds,
    requests: [
      {
        setupRequest: (req, context) => {
          const connection = context as PayingConnection;
          connection.token ??= payingToken(next++ % CONNECTIONS);
          return { ...req, body: payBill(connection.token) };
        },
        onResponse: (_status, body, context) => {
          const reply = JSON.parse(body) as { sessionAttributes?: { payment?: string } };
          (context as PayingConnection).payment = reply.sessionAttributes?.payment;
        },
      },
      {
        setupRequest: (req, context) => {
          const connection = context as PayingConnection;
          return { ...req, body: providePin(connection.token as string, connection.payment) };
        },
        onResponse: (_status, body) => {
          if (!paid(JSON.parse(body) as Record<string, unknown>)) failed++;
        },
      },
    ],
  } as autocannon.Options);
  return figuresOf(result, failed);
};

/** Customers paying one bill after another (read-back + PIN) until stopped: PIN checks in flight. */
function pinPressure(port: number): { stop(): Promise<number> } {
  let running = true;
  let payments = 0;
  const workers = Array.from({ length: PIN_CONCURRENCY }, async (_, i) => {
    const token = payingToken(CONNECTIONS + i);
    while (running) {
      const readBack = await post(port, '/alexa', payBill(token));
      const payment = (readBack.sessionAttributes as { payment?: string } | undefined)?.payment;
      if (!payment) throw new Error('no payment to confirm');
      if (paid(await post(port, '/alexa', providePin(token, payment)))) payments++;
    }
  });
  return {
    async stop() {
      running = false;
      await Promise.all(workers);
      return payments;
    },
  };
}

/** Payments completed per second by the PIN workers, per run. */
const pinChecksPerSecond: number[] = [];

const underPins: Scenario = async (port, seconds) => {
  const pressure = pinPressure(port);
  const load = await constant('/alexa', BALANCE)(port, seconds);
  pinChecksPerSecond.push((await pressure.stop()) / seconds);
  return load;
};
const SCENARIOS: ReadonlyArray<readonly [string, Scenario]> = [
  ['Alexa Launch', constant('/alexa', alexaBody(undefined))],
  ['GetBalance', constant('/alexa', BALANCE)],
  ['GetTransactions', constant('/alexa', alexaBody('GetTransactionsIntent', { accountType: 'checking' }))],
  // A month of a customer's transactions read and added up for one merchant.
  ['GetSpending', constant('/alexa', alexaBody('GetSpendingIntent', { merchant: 'starbucks', date: '2026-10' }))],
  ['Google GetBalance', constant('/google', googleBody('GetBalance', { accountType: 'checking' }))],
  ['payment (read-back + PIN) per connection', payments],
  [`GetBalance with ${PIN_CONCURRENCY} PIN checks in flight`, underPins],
];

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

function medianLoad(loads: readonly Load[]): Load {
  return {
    rps: median(loads.map((l) => l.rps)),
    p50: median(loads.map((l) => l.p50)),
    p99: median(loads.map((l) => l.p99)),
    errors: loads.reduce((sum, l) => sum + l.errors, 0),
  };
}

/** The bundled customers plus the bench's paying ones (same accounts, numbers of their own). */
const POSTGRES_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A schema of the bench's own on the PostgreSQL server, dropped at the end. */
async function postgresSchema(): Promise<string> {
  const schema = `saldo_bench_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  onCleanup(async () => {
    const client = new Client({ connectionString: POSTGRES_URL });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await client.end();
  });
  const url = new URL(POSTGRES_URL);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return url.toString();
}

/** Started and answering its route: spawn → first 200 on /alexa, in ms. */
async function startAnswering(script: string, env: NodeJS.ProcessEnv, nodeArgs?: string[]) {
  const server = await startServer(script, env, nodeArgs);
  await waitUntil(server.child, async () => {
    const res = await fetch(`http://127.0.0.1:${server.port}/alexa`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: BALANCE,
    });
    await res.arrayBuffer();
    return res.status === 200;
  });
  return { server, ms: Number(process.hrtime.bigint() - server.began) / 1e6 };
}

type Memory = NodeJS.MemoryUsage;

function memoryOf(server: Server): Promise<Memory> {
  return new Promise((resolve) => {
    server.child.once('message', (message) => resolve((message as { memory: Memory }).memory));
    server.child.send('memory');
  });
}

const mb = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;

function log(line: string): void {
  console.log(`${new Date().toISOString().slice(11, 19)} ${line}`);
}

/** A scenario's medians, and the median of its per-round ratios to that round's baseline. */
type Measured = Load & { readonly ratio: number };

interface EngineResult {
  readonly baseline: Load;
  readonly scenarios: Record<string, Measured>;
}

async function measureEngine(
  engine: Engine,
  options: BenchOptions,
  bare: Server,
  saldoEnv: NodeJS.ProcessEnv,
): Promise<{ result: EngineResult; saldo: Server }> {
  const { server: saldo } = await startAnswering(SALDO, saldoEnv);
  const runs = new Map<string, Load[]>([
    ['baseline', []],
    ...SCENARIOS.map(([name]) => [name, []] as [string, Load[]]),
  ]);
  log(`${engine}: warming up`);
  await constant('/alexa', BALANCE)(bare.port, 1);
  await constant('/alexa', BALANCE)(saldo.port, 1);
  for (let round = 1; round <= options.rounds; round++) {
    const baseline = await constant('/alexa', BALANCE)(bare.port, options.seconds);
    runs.get('baseline')!.push(baseline);
    log(`${engine} round ${round}/${options.rounds}: baseline ${baseline.rps.toFixed(0)} req/s`);
    for (const [name, scenario] of SCENARIOS) {
      const load = await scenario(saldo.port, options.seconds);
      runs.get(name)!.push(load);
      log(
        `${engine} round ${round}/${options.rounds}: ${name} ${load.rps.toFixed(0)} req/s (× ${(load.rps / baseline.rps).toFixed(2)}), p99 ${load.p99} ms, errors ${load.errors}`,
      );
    }
  }
  // Ratios are taken round by round (each against the baseline just before it), so that
  // load from elsewhere drifting over the run cancels out as far as it can.
  const baselines = runs.get('baseline')!;
  const scenarios = Object.fromEntries(
    SCENARIOS.map(([name]) => {
      const loads = runs.get(name)!;
      const ratio = median(loads.map((load, round) => load.rps / (baselines[round] as Load).rps));
      return [name, { ...medianLoad(loads), ratio }];
    }),
  );
  return { result: { baseline: medianLoad(baselines), scenarios }, saldo };
}

function table(engine: Engine, { baseline, scenarios }: EngineResult): string {
  const row = (name: string, f: Load, ratio: number) =>
    `| ${name} | ${f.rps.toFixed(0)} | ${ratio.toFixed(2)} | ${f.p50} | ${f.p99} | ${f.errors} |`;
  return [
    `| ${engine} | req/s | × baseline | p50 ms | p99 ms | errors |`,
    '|---|---|---|---|---|---|',
    row('bare ask-sdk-core skill (baseline)', baseline, 1),
    ...Object.entries(scenarios).map(([name, f]) => row(`Saldo ${name}`, f, f.ratio)),
  ].join('\n');
}

/**
 * Cold starts, bare skill and Saldo alternately: Saldo as `npm start` serves by default
 * (the bundled sandbox bank) and with the bench's bank of 16 customers, whose fixture
 * (about 4,700 transactions) is validated at every start. Each store is migrated and
 * its PINs enrolled by a start before, as when a process restarts.
 */
async function coldStarts(options: BenchOptions, dir: string, benchEnv: NodeJS.ProcessEnv) {
  const defaultEnv = {
    SALDO_VERIFY_REQUESTS: 'false',
    DATABASE_URL: `sqlite:${path.join(dir, 'cold.db')}`,
    LOG_LEVEL: options.logLevel,
  };
  await (await startAnswering(SALDO, defaultEnv)).server.stop();
  const bare: number[] = [];
  const saldo: number[] = [];
  const saldoBenchBank: number[] = [];
  for (let i = 0; i < options.coldStarts; i++) {
    for (const [script, env, into] of [
      [BARE, {}, bare],
      [SALDO, defaultEnv, saldo],
      [SALDO, benchEnv, saldoBenchBank],
    ] as const) {
      const started = await startAnswering(script, env);
      into.push(started.ms);
      await started.server.stop();
    }
    log(
      `cold start ${i + 1}/${options.coldStarts}: bare ${bare.at(-1)!.toFixed(0)} ms, Saldo ${saldo.at(-1)!.toFixed(0)} ms, with the bench's bank ${saldoBenchBank.at(-1)!.toFixed(0)} ms`,
    );
  }
  return {
    bare: median(bare),
    saldo: median(saldo),
    ratio: median(saldo.map((ms, i) => ms / (bare[i] as number))),
    saldoBenchBank: median(saldoBenchBank),
  };
}

async function latencyAtRate(port: number, seconds: number): Promise<Load> {
  return figuresOf(
    await autocannon({
      url: `http://127.0.0.1:${port}/alexa`,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: BALANCE,
      connections: CONNECTIONS,
      overallRate: LATENCY_RATE,
      duration: seconds,
    }),
  );
}

async function memoryRun(requests: number, saldoEnv: NodeJS.ProcessEnv) {
  const { server } = await startAnswering(SALDO, saldoEnv, ['--expose-gc', '-r', PROBE]);
  const send = (amount: number) =>
    autocannon({
      url: `http://127.0.0.1:${server.port}/alexa`,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: BALANCE,
      connections: CONNECTIONS,
      amount,
    });
  const warmUp = Math.min(10_000, Math.max(1000, Math.floor(requests / 10)));
  await send(warmUp);
  const afterWarmUp = await memoryOf(server);
  log(`memory: after ${warmUp} warm-up requests heap ${mb(afterWarmUp.heapUsed)} MB, RSS ${mb(afterWarmUp.rss)} MB`);
  let sent = 0;
  const chunk = Math.max(1000, Math.floor(requests / 5));
  let errors = 0;
  while (sent < requests) {
    const amount = Math.min(chunk, requests - sent);
    const result = await send(amount);
    errors += result.errors + result.non2xx;
    sent += amount;
    const now = await memoryOf(server);
    log(`memory: ${sent}/${requests} requests, heap ${mb(now.heapUsed)} MB, RSS ${mb(now.rss)} MB`);
  }
  const atEnd = await memoryOf(server);
  await server.stop();
  return {
    requests,
    errors,
    heapAfterWarmUpMb: mb(afterWarmUp.heapUsed),
    heapAtEndMb: mb(atEnd.heapUsed),
    rssAfterWarmUpMb: mb(afterWarmUp.rss),
    rssAtEndMb: mb(atEnd.rss),
  };
}

/** Two Saldo processes on one PostgreSQL, connections spread over both, against one process. */
async function twoProcesses(seconds: number, rounds: number, one: Server, saldoEnv: NodeJS.ProcessEnv) {
  const { server: second } = await startAnswering(SALDO, saldoEnv);
  await constant('/alexa', BALANCE)(second.port, 1);
  const single: number[] = [];
  const both: number[] = [];
  for (let round = 1; round <= rounds; round++) {
    single.push((await constant('/alexa', BALANCE)(one.port, seconds)).rps);
    const result = await autocannon({
      url: [`http://127.0.0.1:${one.port}/alexa`, `http://127.0.0.1:${second.port}/alexa`] as unknown as string,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: BALANCE,
      connections: CONNECTIONS,
      duration: seconds,
    });
    both.push(result.requests.average);
    log(
      `postgres round ${round}/${rounds}: one process ${single.at(-1)!.toFixed(0)} req/s, two ${both.at(-1)!.toFixed(0)} req/s`,
    );
  }
  await second.stop();
  return { one: median(single), two: median(both) };
}

function commit(): string | undefined {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return undefined;
  }
}

async function main(): Promise<void> {
  const { values } = parseCommandLine({ name: 'bench', help: USAGE, options: { compare: { type: 'string' } } });
  const options = parseOptions(values, process.env);
  const before = options.compare
    ? (JSON.parse(readFileSync(options.compare, 'utf8')) as { figures: Record<string, number> })
    : undefined;
  cleanUpOnSignals();
  const dir = mkdtempSync(path.join(tmpdir(), 'saldo-bench-'));
  onCleanup(() => rmSync(dir, { recursive: true, force: true }));
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}, load ${loadavg()[0]?.toFixed(1)}`;
  log(`${machine}; ${options.seconds} s per run, ${options.rounds} rounds, ${CONNECTIONS} connections`);
  const fixture = benchFixture(dir, PAYING_CUSTOMERS);
  const common = {
    SALDO_VERIFY_REQUESTS: 'false',
    SALDO_FIXTURE: fixture,
    SALDO_DAILY_LIMIT: '1000000.00',
    LOG_LEVEL: options.logLevel,
  };
  const sqliteEnv = { ...common, DATABASE_URL: `sqlite:${path.join(dir, 'bench.db')}` };
  const figures: Record<string, number> = {};
  const report: string[] = [];

  const bare = (await startAnswering(BARE, {})).server;
  const first = await startAnswering(SALDO, sqliteEnv);
  await first.server.stop();
  log(`first start (migrations, PIN enrolment): ${first.ms.toFixed(0)} ms`);

  const cold = await coldStarts(options, dir, sqliteEnv);
  figures['cold start bare ms'] = Math.round(cold.bare);
  figures['cold start Saldo ms'] = Math.round(cold.saldo);
  figures['cold start × bare'] = cold.ratio;
  figures["cold start Saldo with the bench's bank ms"] = Math.round(cold.saldoBenchBank);

  for (const engine of options.engines) {
    const env = engine === 'sqlite' ? sqliteEnv : { ...common, DATABASE_URL: await postgresSchema() };
    const { result, saldo } = await measureEngine(engine, options, bare, env);
    report.push(table(engine, result));
    figures[`${engine} baseline req/s`] = Math.round(result.baseline.rps);
    for (const [name, load] of Object.entries(result.scenarios)) {
      figures[`${engine} ${name} × baseline`] = load.ratio;
      figures[`${engine} ${name} p99 ms`] = load.p99;
      figures[`${engine} ${name} errors`] = load.errors;
    }
    if (engine === 'sqlite') {
      const [saldoAtRate, bareAtRate] = [
        await latencyAtRate(saldo.port, options.seconds),
        await latencyAtRate(bare.port, options.seconds),
      ];
      figures[`p99 ms at ${LATENCY_RATE} req/s Saldo`] = saldoAtRate.p99;
      figures[`p99 ms at ${LATENCY_RATE} req/s bare`] = bareAtRate.p99;
      log(`at ${LATENCY_RATE} req/s: Saldo p99 ${saldoAtRate.p99} ms, bare p99 ${bareAtRate.p99} ms`);
    } else {
      const two = await twoProcesses(options.seconds, options.rounds, saldo, env);
      figures['postgres two processes × one'] = two.two / two.one;
    }
    await saldo.stop();
  }
  figures['PIN checks per second alongside GetBalance'] = median(pinChecksPerSecond);
  figures['one PIN check (scrypt) ms'] = await (async () => {
    const started = process.hrtime.bigint();
    await hashPin(PIN);
    return Number(process.hrtime.bigint() - started) / 1e6;
  })();
  await bare.stop();

  if (options.memoryRequests > 0) {
    const memory = await memoryRun(options.memoryRequests, sqliteEnv);
    figures['memory heap after warm-up MB'] = memory.heapAfterWarmUpMb;
    figures['memory heap at end MB'] = memory.heapAtEndMb;
    figures['memory RSS after warm-up MB'] = memory.rssAfterWarmUpMb;
    figures['memory RSS at end MB'] = memory.rssAtEndMb;
    figures['memory run errors'] = memory.errors;
  }

  console.log(`\n${machine}; median of ${options.rounds} interleaved rounds of ${options.seconds} s\n`);
  console.log(report.join('\n\n'));
  console.log('\n| figure | value |\n|---|---|');
  for (const [name, value] of Object.entries(figures)) {
    if (!/× baseline|p99 ms$|errors$|baseline req\/s/.test(name) || name.startsWith('p99 ms at'))
      console.log(`| ${name} | ${Number.isInteger(value) ? value : value.toFixed(2)} |`);
  }
  const resultsDir = path.join(__dirname, '../../bench/results');
  mkdirSync(resultsDir, { recursive: true });
  const file = path.join(resultsDir, `${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(
    file,
    `${JSON.stringify({ when: new Date().toISOString(), commit: commit(), machine, options, figures }, null, 2)}\n`,
  );
  console.log(`\nresult written to ${path.relative(process.cwd(), file)}`);
  if (before)
    console.log(`\ncompared with ${options.compare}:\n\n${formatChanges(compareFigures(before.figures, figures))}`);
}

main()
  .catch((error: unknown) => {
    console.error(error instanceof Error ? `bench failed: ${error.message}` : error);
    process.exitCode = 1;
  })
  .finally(() => cleanUp());
