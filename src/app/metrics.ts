/**
 * Prometheus metrics on a registry of the application's own, never the process-wide
 * default: requests, latency and connector errors per bank.
 *
 * Observations are counted in place, in series made once per label set (the labels come
 * from the code: configured banks, two platforms, the core's intents, HTTP statuses,
 * connector operations and error names), so observing allocates nothing. prom-client
 * is loaded, and its registry built, on the first scrape: start-up does not pay for it.
 */
import type { Registry } from 'prom-client';
import type { BankConnector } from '../bank/connector';

export interface Metrics {
  /** `intent` is one of the skill's intent names (or Unknown): a bounded label. */
  observeRequest(bank: string, platform: string, intent: string, status: number, seconds: number): void;
  /** A request refused before any skill answered it; `reason` is one of Saldo's fixed error messages. */
  observeRefusal(platform: string, status: number, reason: string): void;
  /**
   * Adds prom-client's process and Node.js metrics (CPU, memory, event loop, GC); once, by
   * the server process. They are collected from the first scrape on.
   */
  collectProcessMetrics(): void;
  /** Wraps a connector so each call's latency and failures are counted under its bank. */
  instrument<C extends BankConnector>(connector: C): C;
  /** Reports a gauge of each circuit breaker's state (0 closed, 1 open, 2 half-open, 3 isolated). */
  watchCircuit(bank: string, state: () => string): void;
  /** The registry /metrics serves (built on the first call). */
  registry(): Promise<Registry>;
}

const CIRCUIT_STATES = ['closed', 'open', 'half-open', 'isolated'];
const CONNECTOR_OPERATIONS = [
  'identify',
  'listAccounts',
  'getBalances',
  'listTransactions',
  'listPayees',
  'makePayment',
  'ping',
] as const;
const REQUEST_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 4, 6, 8];
const CONNECTOR_BUCKETS = [0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 4];

interface Count {
  value: number;
}

interface Distribution {
  /** Observations per bucket (not cumulative); the last slot counts those above every bound. */
  readonly buckets: Float64Array;
  sum: number;
  count: number;
}

function observe(distribution: Distribution, bounds: readonly number[], seconds: number): void {
  let bucket = 0;
  while (bucket < bounds.length && seconds > (bounds[bucket] as number)) bucket++;
  (distribution.buckets[bucket] as number) += 1;
  distribution.sum += seconds;
  distribution.count += 1;
}

/** Label values → series, one level per label: a lookup builds no key. */
type Series<T> = Map<string, T | Series<T>>;

function seriesAt<T>(series: Series<T>, labels: readonly string[], make: () => T): T {
  let level: Series<T> = series;
  for (let i = 0; i < labels.length - 1; i++) {
    let next = level.get(labels[i] as string) as Series<T> | undefined;
    if (next === undefined) {
      next = new Map();
      level.set(labels[i] as string, next);
    }
    level = next;
  }
  const last = labels[labels.length - 1] as string;
  let leaf = level.get(last) as T | undefined;
  if (leaf === undefined) {
    leaf = make();
    level.set(last, leaf);
  }
  return leaf;
}

/** Every series with its labels, for a scrape. */
function* entries<T>(
  series: Series<T>,
  names: readonly string[],
  labels: Record<string, string> = {},
): Generator<[Record<string, string>, T]> {
  const [name, ...rest] = names;
  for (const [value, child] of series) {
    const withThis = { ...labels, [name as string]: value };
    if (rest.length === 0) yield [withThis, child as T];
    else yield* entries(child as Series<T>, rest, withThis);
  }
}

interface MetricValue {
  readonly labels: Record<string, string | number>;
  readonly value: number;
  readonly metricName?: string;
}

function histogramValues(
  name: string,
  bounds: readonly number[],
  all: Iterable<[Record<string, string>, Distribution]>,
): MetricValue[] {
  const values: MetricValue[] = [];
  for (const [labels, distribution] of all) {
    let cumulative = 0;
    bounds.forEach((le, i) => {
      cumulative += distribution.buckets[i] as number;
      values.push({ labels: { le, ...labels }, value: cumulative, metricName: `${name}_bucket` });
    });
    values.push({ labels: { le: '+Inf', ...labels }, value: distribution.count, metricName: `${name}_bucket` });
    values.push({ labels, value: distribution.sum, metricName: `${name}_sum` });
    values.push({ labels, value: distribution.count, metricName: `${name}_count` });
  }
  return values;
}

/** A metric whose values are read from the series at each scrape, as prom-client's registry reads its own. */
interface ScrapedMetric {
  readonly name: string;
  readonly help: string;
  readonly type: 'counter' | 'gauge' | 'histogram';
  values(): MetricValue[];
}

async function buildRegistry(metrics: readonly ScrapedMetric[], processMetrics: boolean): Promise<Registry> {
  const { Registry, collectDefaultMetrics } = await import('prom-client');
  const registry = new Registry();
  if (processMetrics) collectDefaultMetrics({ register: registry });
  for (const metric of metrics) {
    const { name, help, type } = metric;
    const exported = {
      name,
      help,
      type,
      aggregator: 'sum',
      get: () => Promise.resolve({ name, help, type, aggregator: 'sum', values: metric.values() }),
      reset: () => undefined,
    };
    // prom-client's registry renders any metric that reports its values through get().
    registry.registerMetric(exported as unknown as Parameters<Registry['registerMetric']>[0]);
  }
  return registry;
}

export function createMetrics(): Metrics {
  const requests: Series<Count> = new Map();
  const latency: Series<Distribution> = new Map();
  const connectorLatency: Series<Distribution> = new Map();
  const connectorErrors: Series<Count> = new Map();
  const refusals: Series<Count> = new Map();
  const circuits = new Map<string, () => string>();
  const count = (): Count => ({ value: 0 });
  const requestDistribution = (): Distribution => ({
    buckets: new Float64Array(REQUEST_BUCKETS.length + 1),
    sum: 0,
    count: 0,
  });
  const connectorDistribution = (): Distribution => ({
    buckets: new Float64Array(CONNECTOR_BUCKETS.length + 1),
    sum: 0,
    count: 0,
  });
  const labels = { request: ['', '', '', ''], latency: ['', '', ''], error: ['', '', ''], refusal: ['', '', ''] };
  const statuses = new Map<number, string>();
  const statusLabel = (status: number) => {
    let label = statuses.get(status);
    if (label === undefined) {
      label = String(status);
      statuses.set(status, label);
    }
    return label;
  };

  const exported: ScrapedMetric[] = [
    {
      name: 'saldo_requests_total',
      help: 'Voice requests answered, by bank, platform, intent and HTTP status.',
      type: 'counter',
      values: () =>
        [...entries(requests, ['bank', 'platform', 'intent', 'status'])].map(([l, c]) => ({
          labels: l,
          value: c.value,
        })),
    },
    {
      name: 'saldo_request_duration_seconds',
      help: 'Time to answer a voice request.',
      type: 'histogram',
      values: () =>
        histogramValues(
          'saldo_request_duration_seconds',
          REQUEST_BUCKETS,
          entries(latency, ['bank', 'platform', 'intent']),
        ),
    },
    {
      name: 'saldo_requests_refused_total',
      help: 'Requests refused before a skill answered (bad body, failed verification, unknown skill or project, too large), by platform, status and reason.',
      type: 'counter',
      values: () =>
        [...entries(refusals, ['platform', 'status', 'reason'])].map(([l, c]) => ({ labels: l, value: c.value })),
    },
    {
      name: 'saldo_connector_call_duration_seconds',
      help: 'Time a bank connector call took, failures included.',
      type: 'histogram',
      values: () =>
        histogramValues(
          'saldo_connector_call_duration_seconds',
          CONNECTOR_BUCKETS,
          entries(connectorLatency, ['bank', 'operation']),
        ),
    },
    {
      name: 'saldo_connector_errors_total',
      help: 'Bank connector calls that failed, by bank, operation and error kind.',
      type: 'counter',
      values: () =>
        [...entries(connectorErrors, ['bank', 'operation', 'kind'])].map(([l, c]) => ({ labels: l, value: c.value })),
    },
    {
      name: 'saldo_connector_circuit_state',
      help: 'Circuit breaker state per bank: 0 closed, 1 open, 2 half-open, 3 isolated.',
      type: 'gauge',
      values: () =>
        [...circuits].map(([bank, state]) => ({
          labels: { bank },
          value: Math.max(0, CIRCUIT_STATES.indexOf(state())),
        })),
    },
  ];
  let registry: Promise<Registry> | undefined;
  let processMetrics = false;

  return {
    observeRequest(bank, platform, intent, status, seconds) {
      const request = labels.request;
      request[0] = bank;
      request[1] = platform;
      request[2] = intent;
      request[3] = statusLabel(status);
      seriesAt(requests, request, count).value += 1;
      const timed = labels.latency;
      timed[0] = bank;
      timed[1] = platform;
      timed[2] = intent;
      observe(seriesAt(latency, timed, requestDistribution), REQUEST_BUCKETS, seconds);
    },
    observeRefusal(platform, status, reason) {
      const refusal = labels.refusal;
      refusal[0] = platform;
      refusal[1] = statusLabel(status);
      refusal[2] = reason;
      seriesAt(refusals, refusal, count).value += 1;
    },
    collectProcessMetrics() {
      if (processMetrics) return;
      processMetrics = true;
      // A registry already built gets them now; one built later, when it is.
      registry = registry?.then(async (built) => {
        (await import('prom-client')).collectDefaultMetrics({ register: built });
        return built;
      });
    },
    instrument<C extends BankConnector>(connector: C): C {
      const wrapped = { ...connector } as Record<string, unknown>;
      for (const operation of CONNECTOR_OPERATIONS) {
        const original = connector[operation] as (...args: unknown[]) => Promise<unknown>;
        const timing = seriesAt(connectorLatency, [connector.id, operation], connectorDistribution);
        wrapped[operation] = async (...args: unknown[]) => {
          const started = performance.now();
          try {
            return await original.apply(connector, args);
          } catch (error) {
            const failed = labels.error;
            failed[0] = connector.id;
            failed[1] = operation;
            failed[2] = error instanceof Error ? error.name : 'unknown';
            seriesAt(connectorErrors, failed, count).value += 1;
            throw error;
          } finally {
            observe(timing, CONNECTOR_BUCKETS, (performance.now() - started) / 1e3);
          }
        };
      }
      return wrapped as C;
    },
    watchCircuit(bank, state) {
      circuits.set(bank, state);
    },
    registry: () => (registry ??= buildRegistry(exported, processMetrics)),
  };
}
