/**
 * The composition root: configuration in, the running parts out. Everything is built
 * here once at start and passed down; nothing below reaches for globals.
 */
import type { Logger } from 'pino';
import type { BankConnector } from '../bank/connector';
import { createSandboxConnector } from '../bank/sandbox/connector';
import { loadSandboxFixture } from '../bank/sandbox/fixture';
import { type Config, loadConfig } from '../config';
import { createConversation, type Conversation } from '../core/conversation';
import type { SecurityEventSink } from '../voice/guard';
import { createLogger } from './logger';

export interface Application {
  readonly config: Config;
  readonly log: Logger;
  readonly connector: BankConnector;
  readonly conversation: Conversation;
}

export interface ApplicationOverrides {
  readonly log?: Logger;
  readonly now?: () => Date;
  /** A bank other than the configured one, with its spoken names. */
  readonly bank?: { readonly connector: BankConnector; readonly names: Readonly<Record<string, string>> };
}

function sandboxBank(config: Config, now: () => Date) {
  const fixture = loadSandboxFixture(config.sandboxFixture);
  return { connector: createSandboxConnector({ fixture, now }), names: fixture.bank.names };
}

export function createApplication(env: NodeJS.ProcessEnv, overrides: ApplicationOverrides = {}): Application {
  const config = loadConfig(env);
  const log = overrides.log ?? createLogger(config.logLevel);
  const now = overrides.now ?? (() => new Date());
  const { connector, names: bankNames } = overrides.bank ?? sandboxBank(config, now);
  const reportSecurityEvent: SecurityEventSink = (event) => log.warn({ securityEvent: event }, 'security event: outgoing text redacted');
  const conversation = createConversation({ connector, bankNames, now, log }, reportSecurityEvent);
  return { config, log, connector, conversation };
}
