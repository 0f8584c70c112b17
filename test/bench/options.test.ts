/** The bench's pure parts: its options and how two results compare (no timing here). */
import { compareFigures, formatChanges, parseOptions } from '../../src/bench/options';

describe('bench options', () => {
  it('defaults as documented in --help', () => {
    expect(parseOptions({}, {})).toEqual({
      compare: undefined,
      seconds: 4,
      rounds: 3,
      engines: ['sqlite', 'postgres'],
      memoryRequests: 100_000,
      coldStarts: 5,
      logLevel: 'info',
    });
  });

  it('reads the environment and the command line', () => {
    const options = parseOptions(
      { compare: 'bench/results/old.json' },
      {
        BENCH_SECONDS: '2',
        BENCH_ROUNDS: '5',
        BENCH_ENGINES: 'postgres',
        BENCH_MEMORY_REQUESTS: '0',
        BENCH_COLD_STARTS: '3',
        BENCH_LOG_LEVEL: 'warn',
      },
    );
    expect(options).toEqual({
      compare: 'bench/results/old.json',
      seconds: 2,
      rounds: 5,
      engines: ['postgres'],
      memoryRequests: 0,
      coldStarts: 3,
      logLevel: 'warn',
    });
  });

  it.each([
    [{ BENCH_SECONDS: '0' }, /BENCH_SECONDS must be a whole number of at least 1/],
    [{ BENCH_ROUNDS: 'three' }, /BENCH_ROUNDS/],
    [{ BENCH_ENGINES: 'sqlite,mysql' }, /unknown engine mysql/],
  ])('refuses %j', (env, message) => {
    expect(() => parseOptions({}, env)).toThrow(message);
  });
});

describe('comparing two results', () => {
  it('pairs figures by name, with the relative change', () => {
    const changes = compareFigures(
      { 'sqlite GetBalance × baseline': 0.5, 'cold start Saldo ms': 700, 'dropped figure': 1 },
      { 'sqlite GetBalance × baseline': 1.1, 'cold start Saldo ms': 350, 'new figure': 3 },
    );
    expect(changes).toEqual([
      { figure: 'sqlite GetBalance × baseline', before: 0.5, after: 1.1, change: expect.closeTo(1.2, 10) },
      { figure: 'cold start Saldo ms', before: 700, after: 350, change: -0.5 },
      { figure: 'new figure', before: undefined, after: 3, change: undefined },
      { figure: 'dropped figure', before: 1, after: undefined, change: undefined },
    ]);
  });

  it('prints a table with signed percentages', () => {
    const table = formatChanges(compareFigures({ a: 2, b: 0 }, { a: 1, b: 4 }));
    expect(table.split('\n')).toEqual([
      '| figure | before | after | change |',
      '|---|---|---|---|',
      '| a | 2 | 1 | -50 % |',
      '| b | 0 | 4 | — |',
    ]);
  });
});
