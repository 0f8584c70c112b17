/**
 * Builds a simulator on an application: the locale's language model compiled into a
 * matcher, and a session on the chosen platform. Shared by the CLI and the tests, so
 * the tests replay dialogs exactly as `npm run simulate -- --script` does.
 */
import { loadSandboxFixture, type SandboxCustomer } from '../bank/sandbox/fixture';
import { todayIn } from '../dates';
import { loadModel, type Locale } from '../language/model';
import type { Application } from '../app/application';
import { createMatcher, type Matcher } from './nlu';
import { createSimulatorSession, type Platform, type SimulatorSession } from './session';

/**
 * The environment a simulation runs in: an in-memory store unless DATABASE_URL names
 * one (so trying payments never touches the developer's data/saldo.db), request
 * verification off (nothing crosses a network), and quiet logs.
 */
export function simulatorEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return {
    ...env,
    DATABASE_URL: env.DATABASE_URL ?? 'sqlite::memory:',
    SALDO_VERIFY_REQUESTS: 'false',
    LOG_LEVEL: env.LOG_LEVEL ?? 'warn',
  };
}

/**
 * The sandbox customers of the bank the simulator talks to (the first one configured):
 * its sandbox fixture, or the fixture an Open Banking bank enrols PINs from in
 * development; none when there is no fixture to read.
 */
export function sandboxCustomers(application: Pick<Application, 'config'>): readonly SandboxCustomer[] {
  const first = application.config.banks?.[0];
  const fixture = !first
    ? application.config.sandboxFixture
    : first.connector.type === 'sandbox'
      ? first.connector.fixture
      : first.connector.enrolPinsFrom;
  if (first && fixture === undefined && first.connector.type !== 'sandbox') return [];
  try {
    return loadSandboxFixture(fixture).customers;
  } catch {
    return [];
  }
}

/** The first sandbox customer who speaks the locale: the user a newcomer expects. */
export function defaultUserFor(customers: readonly SandboxCustomer[], locale: Locale): string | undefined {
  return customers.find((customer) => customer.locale === locale)?.accessToken;
}

export interface SimulatorSetup {
  readonly locale: Locale;
  /** An access token, or undefined for a user who has not linked an account. */
  readonly token?: string;
  readonly platform: Platform;
}

export interface Simulator {
  readonly session: SimulatorSession;
  readonly matcher: Matcher;
  /** The sandbox customer the token belongs to, when it is one. */
  readonly customer?: SandboxCustomer;
}

export function createSimulator(
  application: Pick<Application, 'config' | 'conversation'>,
  setup: SimulatorSetup,
): Simulator {
  const customer = sandboxCustomers(application).find((candidate) => candidate.accessToken === setup.token);
  // "Yesterday" is the customer's yesterday, as the core computes it; else this machine's.
  const timeZone = customer?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  const matcher = createMatcher(loadModel(setup.locale), {
    today: () => todayIn(timeZone, new Date()),
    platform: setup.platform,
  });
  const session = createSimulatorSession({
    platform: setup.platform,
    locale: setup.locale,
    token: setup.token,
    conversation: application.conversation,
    matcher,
  });
  return { session, matcher, customer };
}
