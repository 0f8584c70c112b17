/**
 * The platform-neutral conversation: a Turn in, a voice-safe reply out. Every path,
 * errors included, leaves through renderReply.
 */
import { UnknownAccessTokenError, type Account, type Customer } from '../bank/connector';
import { todayIn } from '../dates';
import { prepareIdentifiers, type SecurityEventSink } from '../voice/guard';
import { catalogueFor, type Catalogue } from '../voice/locales';
import { renderReply, type SafeReply } from '../voice/reply';
import { answer } from './answers';
import type { CoreDeps, CustomerTurn } from './context';
import { getBalance } from './handlers/balance';
import { bankUnavailable, fallback, goodbye, help, linkAccount, welcome } from './handlers/guidance';
import { repeat } from './handlers/repeat';
import { getTransactions, moreTransactions } from './handlers/transactions';
import type { Draft } from './reply';
import type { IntentName, Turn } from './turn';

type CustomerHandler = (ctx: CustomerTurn) => Promise<Draft>;

const customerHandlers: Partial<Record<IntentName, CustomerHandler>> = {
  Launch: async (ctx) => welcome(ctx.say, ctx.bankName),
  GetBalance: getBalance,
  GetTransactions: getTransactions,
  More: async (ctx) => (await moreTransactions(ctx)) ?? answer(ctx, ctx.say.noMoreTransactions(), {}),
  Yes: async (ctx) => (await moreTransactions(ctx)) ?? fallback(ctx.say),
  No: async (ctx) => goodbye(ctx.say),
  Repeat: repeat,
};

/** Answers that need neither a linked account nor the bank. */
function answerWithoutBank(intent: IntentName, say: Catalogue): Draft | undefined {
  switch (intent) {
    case 'Help':
      return help(say);
    case 'Cancel':
      return goodbye(say);
    case 'Fallback':
    case 'Unknown':
      return fallback(say);
    default:
      return undefined;
  }
}

/** Name and message only: a stack or a cause could carry request data into the logs. */
function errorSummary(error: unknown): { name: string; message: string } {
  return error instanceof Error ? { name: error.name, message: error.message } : { name: 'non-error', message: String(error) };
}

export function bankNameFor(names: Readonly<Record<string, string>>, locale: string): string {
  return names[locale] ?? names[locale.slice(0, 2)] ?? Object.values(names)[0] ?? 'your bank';
}

export interface Conversation {
  /** Undefined for requests that get no answer (the session has already ended). */
  handle(turn: Turn): Promise<SafeReply | undefined>;
}

export function createConversation(deps: CoreDeps, report: SecurityEventSink): Conversation {
  const baseIdentifiers = (turn: Turn, customer?: Customer) =>
    prepareIdentifiers([
      ...(customer?.sensitiveIdentifiers ?? []),
      ...(turn.accessToken ? [turn.accessToken] : []),
      ...(turn.slots.pin?.spoken ? [turn.slots.pin.spoken] : []),
    ]);

  async function draftFor(turn: Turn, say: Catalogue, bankName: string): Promise<{ draft: Draft; customer?: Customer }> {
    const simple = answerWithoutBank(turn.intent, say);
    if (simple) return { draft: simple };
    if (!turn.accessToken) return { draft: linkAccount(say, bankName) };
    const customer = await deps.connector.identify(turn.accessToken);
    if (!customer) return { draft: linkAccount(say, bankName) };
    const handler = customerHandlers[turn.intent];
    if (!handler) return { draft: fallback(say), customer };
    const accessToken = turn.accessToken;
    let accounts: Promise<readonly Account[]> | undefined;
    const ctx: CustomerTurn = {
      turn,
      deps,
      say,
      bankName,
      customer,
      accessToken,
      today: todayIn(customer.timeZone, deps.now()),
      accounts: () => (accounts ??= deps.connector.listAccounts(accessToken)),
    };
    return { draft: await handler(ctx), customer };
  }

  return {
    async handle(turn) {
      deps.log.debug(
        { turn: { requestId: turn.requestId, intent: turn.intent, locale: turn.locale, slots: turn.slots, session: turn.session } },
        'turn',
      );
      if (turn.intent === 'SessionEnded') return undefined;
      const say = catalogueFor(turn.locale);
      const bankName = bankNameFor(deps.bankNames, say.locale);
      let draft: Draft;
      let customer: Customer | undefined;
      try {
        ({ draft, customer } = await draftFor(turn, say, bankName));
      } catch (error) {
        if (error instanceof UnknownAccessTokenError) {
          draft = linkAccount(say, bankName);
        } else {
          // Connector failures are the common case; a bug here must still get a spoken answer.
          deps.log.error({ err: errorSummary(error), requestId: turn.requestId, intent: turn.intent }, 'turn failed');
          draft = bankUnavailable(say, bankName);
        }
      }
      return renderReply(draft, { identifiers: baseIdentifiers(turn, customer), report });
    },
  };
}
