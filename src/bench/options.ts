/** `npm run bench` options, and how two results compare: the bench's pure parts. */

export const USAGE = `usage: npm run bench [-- --compare <file>]

Measures Saldo against a bare ask-sdk-core skill (ask-sdk-express-adapter, one fixed
sentence) in the same run: interleaved rounds, figures as ratios to the baseline.

Options:
  --compare <file>   after the run, compare with an earlier result (bench/results/*.json)
  --help, -h         this text

Environment:
  BENCH_SECONDS          length of each load run in seconds (default 4)
  BENCH_ROUNDS           interleaved rounds per scenario; the median counts (default 3)
  BENCH_ENGINES          stores to measure, comma-separated: sqlite,postgres (default both)
  BENCH_MEMORY_REQUESTS  GetBalance requests in the memory run, 0 skips it (default 100000)
  BENCH_COLD_STARTS      cold starts measured per server (default 5)
  BENCH_LOG_LEVEL        the servers' LOG_LEVEL (default info)
  TEST_DATABASE_URL      the PostgreSQL server, as for the tests
`;

export type Engine = 'sqlite' | 'postgres';

export interface BenchOptions {
  readonly compare?: string;
  readonly seconds: number;
  readonly rounds: number;
  readonly engines: readonly Engine[];
  readonly memoryRequests: number;
  readonly coldStarts: number;
  readonly logLevel: string;
}

function count(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be a whole number of at least ${min}`);
  return value;
}

/** The options from the command line's values (see parseCommandLine) and the environment. */
export function parseOptions(values: { readonly compare?: string }, env: NodeJS.ProcessEnv): BenchOptions {
  const engines = (env.BENCH_ENGINES ?? 'sqlite,postgres').split(',').map((e) => e.trim());
  for (const engine of engines) {
    if (engine !== 'sqlite' && engine !== 'postgres') throw new Error(`BENCH_ENGINES: unknown engine ${engine}`);
  }
  return {
    compare: values.compare,
    seconds: count(env, 'BENCH_SECONDS', 4, 1),
    rounds: count(env, 'BENCH_ROUNDS', 3, 1),
    engines: engines as Engine[],
    memoryRequests: count(env, 'BENCH_MEMORY_REQUESTS', 100_000, 0),
    coldStarts: count(env, 'BENCH_COLD_STARTS', 5, 1),
    logLevel: env.BENCH_LOG_LEVEL ?? 'info',
  };
}

/** The figures a result keeps, by name ("sqlite GetBalance × baseline", "cold start ms", …). */
export type Figures = Readonly<Record<string, number>>;

export interface Change {
  readonly figure: string;
  readonly before?: number;
  readonly after?: number;
  /** after / before − 1, when both are there and before is not 0. */
  readonly change?: number;
}

/** Every figure of either result, in the newer result's order, then those only the older has. */
export function compareFigures(before: Figures, after: Figures): Change[] {
  const names = [...Object.keys(after), ...Object.keys(before).filter((name) => !(name in after))];
  return names.map((figure) => {
    const b = before[figure];
    const a = after[figure];
    const change = a !== undefined && b !== undefined && b !== 0 ? a / b - 1 : undefined;
    return { figure, before: b, after: a, change };
  });
}

export function formatChanges(changes: readonly Change[]): string {
  const number = (n?: number) => (n === undefined ? '—' : Number.isInteger(n) ? String(n) : n.toFixed(2));
  const lines = changes.map(
    ({ figure, before, after, change }) =>
      `| ${figure} | ${number(before)} | ${number(after)} | ${change === undefined ? '—' : `${change >= 0 ? '+' : ''}${(change * 100).toFixed(0)} %`} |`,
  );
  return ['| figure | before | after | change |', '|---|---|---|---|', ...lines].join('\n');
}
