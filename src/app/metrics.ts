/**
 * Prometheus metrics (prom-client) on a registry of the application's own, never the
 * process-wide default: requests, latency and connector errors per bank.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { BankConnector } from '../bank/connector';

export interface Metrics {
  readonly registry: Registry;
  /** `intent` is one of the skill's intent names (or Unknown): a bounded label. */
  observeRequest(labels: { bank: string; platform: string; intent: string; status: number }, seconds: number): void;
  /** A request refused before any skill answered it; `reason` is one of Saldo's fixed error messages. */
  observeRefusal(labels: { platform: string; status: number; reason: string }): void;
  /** Adds prom-client's process and Node.js metrics (CPU, memory, event loop, GC); once, by the server process. */
  collectProcessMetrics(): void;
  /** Wraps a connector so each call's latency and failures are counted under its bank. */
  instrument<C extends BankConnector>(connector: C): C;
  /** Reports a gauge of each circuit breaker's state (0 closed, 1 open, 2 half-open, 3 isolated). */
  watchCircuit(bank: string, state: () => string): void;
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

export function createMetrics(): Metrics {
  const registry = new Registry();
  const requests = new Counter({
    name: 'saldo_requests_total',
    help: 'Voice requests answered, by bank, platform, intent and HTTP status.',
    labelNames: ['bank', 'platform', 'intent', 'status'],
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'saldo_request_duration_seconds',
    help: 'Time to answer a voice request.',
    labelNames: ['bank', 'platform', 'intent'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 4, 6, 8],
    registers: [registry],
  });
  const refusals = new Counter({
    name: 'saldo_requests_refused_total',
    help: 'Requests refused before a skill answered (bad body, failed verification, unknown skill or project, too large), by platform, status and reason.',
    labelNames: ['platform', 'status', 'reason'],
    registers: [registry],
  });
  const connectorLatency = new Histogram({
    name: 'saldo_connector_call_duration_seconds',
    help: 'Time a bank connector call took, failures included.',
    labelNames: ['bank', 'operation'],
    buckets: [0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 4],
    registers: [registry],
  });
  const connectorErrors = new Counter({
    name: 'saldo_connector_errors_total',
    help: 'Bank connector calls that failed, by bank, operation and error kind.',
    labelNames: ['bank', 'operation', 'kind'],
    registers: [registry],
  });
  const circuits = new Map<string, () => string>();
  new Gauge({
    name: 'saldo_connector_circuit_state',
    help: 'Circuit breaker state per bank: 0 closed, 1 open, 2 half-open, 3 isolated.',
    labelNames: ['bank'],
    registers: [registry],
    collect() {
      for (const [bank, state] of circuits) this.set({ bank }, Math.max(0, CIRCUIT_STATES.indexOf(state())));
    },
  });

  return {
    registry,
    observeRequest({ bank, platform, intent, status }, seconds) {
      requests.inc({ bank, platform, intent, status: String(status) });
      latency.observe({ bank, platform, intent }, seconds);
    },
    observeRefusal({ platform, status, reason }) {
      refusals.inc({ platform, status: String(status), reason });
    },
    collectProcessMetrics() {
      collectDefaultMetrics({ register: registry });
    },
    instrument<C extends BankConnector>(connector: C): C {
      const wrapped = { ...connector } as Record<string, unknown>;
      for (const operation of CONNECTOR_OPERATIONS) {
        const original = connector[operation] as (...args: unknown[]) => Promise<unknown>;
        wrapped[operation] = async (...args: unknown[]) => {
          const stop = connectorLatency.startTimer({ bank: connector.id, operation });
          try {
            return await original.apply(connector, args);
          } catch (error) {
            connectorErrors.inc({
              bank: connector.id,
              operation,
              kind: error instanceof Error ? error.name : 'unknown',
            });
            throw error;
          } finally {
            stop();
          }
        };
      }
      return wrapped as C;
    },
    watchCircuit(bank, state) {
      circuits.set(bank, state);
    },
  };
}
