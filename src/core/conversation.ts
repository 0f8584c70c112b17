/**
 * The platform-neutral conversation: a Turn in, a voice-safe reply out. Every path,
 * errors included, leaves through renderReply.
 */
import { BankAccessError, UnknownAccessTokenError, type Customer } from '../bank/connector';
import { todayIn } from '../dates';
import { prepareIdentifiers, withIdentifier, type KnownIdentifiers, type SecurityEvent } from '../voice/guard';
import { maskForLog } from '../voice/mask';
import { dailyPhrasing, withVariety } from '../voice/locales/variety';
import { catalogueFor, type Catalogue } from '../voice/locales';
import { renderReply, type SafeReply } from '../voice/reply';
import { answer, ask } from './answers';
import type { CoreDeps, CustomerTurn } from './context';
import { customerBank, disclosure, PrivateUntilPinError, type CustomerBank, type Disclosure } from './customer-bank';
import { customerEntities, namesEntities, withBankIds } from './entities';
import type { DynamicEntities } from '../shared/entities';
import { cancelPayment, providePin, repeatReadBack, yesToPayment } from './handlers/approve';
import { getBalance } from './handlers/balance';
import {
  bankAccessHeldBack,
  bankUnavailable,
  fallback,
  goodbye,
  help,
  linkAccount,
  welcome,
} from './handlers/guidance';
import { requestPayment } from './handlers/pay';
import { approveRead, askPinFirst, readsApproved } from './handlers/privacy';
import { repeat } from './handlers/repeat';
import { speakerGate } from './handlers/speaker';
import { onSkillEvent, type SkillEvent } from './lifecycle';
import { settleLostPayments } from './payments/reconcile';
import { getTransactions, moreTransactions } from './handlers/transactions';
import { compareSpending, getSpending } from './handlers/spending';
import { getCardInfo } from './handlers/card';
import { getUpcomingBills, moreBills } from './handlers/bills';
import { recentMerchants } from './spending/recent-merchants';
import type { Draft } from '../voice/draft';
import type { IntentName, Turn } from './turn';

type CustomerHandler = (ctx: CustomerTurn) => Promise<Draft>;

const customerHandlers: Partial<Record<IntentName, CustomerHandler>> = {
  Launch: async (ctx) => welcome(ctx.say, ctx.bankName),
  GetBalance: getBalance,
  GetTransactions: getTransactions,
  GetSpending: getSpending,
  CompareSpending: compareSpending,
  GetCardInfo: getCardInfo,
  GetUpcomingBills: getUpcomingBills,
  PayBill: (ctx) => requestPayment(ctx, 'bill'),
  TransferMoney: (ctx) => requestPayment(ctx, 'transfer'),
  ProvidePin: providePin,
  More: async (ctx) => (await moreBills(ctx)) ?? (await moreTransactions(ctx)) ?? nothingMore(ctx),
  // A page that did not apply (another customer's, or gone) is dropped, not carried on.
  Yes: async (ctx) =>
    (await yesToPayment(ctx)) ??
    (await moreBills(ctx)) ??
    (await moreTransactions(ctx)) ??
    fallback(ctx.say, { ...ctx.turn.session, more: undefined, bills: undefined }),
  No: async (ctx) => (await cancelPayment(ctx, false)) ?? goodbye(ctx.say),
  Cancel: async (ctx) => (await cancelPayment(ctx, true)) ?? goodbye(ctx.say),
  Repeat: async (ctx) => (await repeatReadBack(ctx)) ?? repeat(ctx),
};

/** "Next" after the last page of a list says so; "next" out of the blue gets guidance. */
function nothingMore(ctx: CustomerTurn): Draft {
  const last = ctx.turn.session.last;
  if (last?.intent === 'GetTransactions') return answer(ctx, ctx.say.noMoreTransactions(), { last });
  if (last?.intent === 'GetUpcomingBills') return answer(ctx, ctx.say.noMoreBills(), { last });
  return ask(ctx.say.nothingToContinue(), {});
}

/** Answers that need neither a linked account nor the bank. */
function answerWithoutBank(turn: Turn, say: Catalogue): Draft | undefined {
  switch (turn.intent) {
    case 'Help':
      return help(say, turn.session);
    case 'Cancel':
      // With a payment open, cancelling must reach the store.
      return turn.session.payment && turn.accessToken ? undefined : goodbye(say);
    case 'Fallback':
    case 'Unknown':
      return fallback(say, turn.session);
    default:
      return undefined;
  }
}

/** An open conversation keeps its privacy-mode approval (checked again on every read). */
function keepReadApproval(draft: Draft, turn: Turn): Draft {
  const readApproval = turn.session.readApproval;
  return readApproval && !draft.endSession ? { ...draft, session: { ...draft.session, readApproval } } : draft;
}

/** Slot values as said, with number-shaped ones masked (a PIN is redacted by the logger). */
function loggableSlots(slots: Turn['slots']): Turn['slots'] {
  return Object.fromEntries(
    Object.entries(slots).map(([name, value]) => [
      name,
      { ...value, spoken: value.spoken === undefined ? undefined : maskForLog(value.spoken) },
    ]),
  );
}

/** Name and message only: a stack or a cause could carry request data into the logs. */
function errorSummary(error: unknown): { name: string; message: string } {
  return error instanceof Error
    ? { name: error.name, message: error.message }
    : { name: 'non-error', message: String(error) };
}

function bankNameFor(names: Readonly<Record<string, string>>, locale: string): string {
  return names[locale] ?? names[locale.slice(0, 2)] ?? Object.values(names)[0] ?? 'your bank';
}

/** A per-locale phrase in the catalogue's locale, else its language's, else none (never another language's). */
function phraseFor(phrases: Readonly<Record<string, string>> | undefined, locale: string): string | undefined {
  if (!phrases) return undefined;
  return phrases[locale] ?? Object.entries(phrases).find(([key]) => key.slice(0, 2) === locale.slice(0, 2))?.[1];
}

export interface TurnHooks {
  /**
   * Called once, when the bank is taking long, with something to say meanwhile (Alexa's
   * progressive response). Failures are the platform's to swallow.
   */
  readonly progress?: (reply: SafeReply) => Promise<void>;
}

/** After this long without an answer, the customer hears "one moment…". */
const PROGRESS_AFTER_MS = 1000;
/** The whole turn answers within this, well inside Alexa's 8 seconds. */
const TURN_DEADLINE_MS = 6000;
/** How long a launch waits for the merchants: less than "one moment…" would take to come. */
const MERCHANT_READ_BUDGET_MS = 800;

class TurnDeadlineError extends Error {
  constructor() {
    super('the turn ran out of time');
    this.name = 'TurnDeadlineError';
  }
}

/** Intents whose answer waits for the bank. */
const BANK_INTENTS: ReadonlySet<IntentName> = new Set([
  'GetBalance',
  'GetTransactions',
  'GetSpending',
  'CompareSpending',
  'GetCardInfo',
  'GetUpcomingBills',
  'PayBill',
  'TransferMoney',
  'ProvidePin',
  'More',
  'Repeat',
  'Yes',
]);

export interface Conversation {
  /** Undefined for requests that get no answer (the session has already ended). */
  handle(turn: Turn, hooks?: TurnHooks): Promise<SafeReply | undefined>;
  /**
   * What a platform says when something failed outside `handle` (a bug in an adapter, a
   * request the SDK could not take): an apology in the request's language. The error is
   * logged by name and message only.
   */
  recover(request: { readonly locale?: string; readonly requestId?: string }, error: unknown): SafeReply;
  /** A skill lifecycle event (no session, no answer); a bank that cannot be reached costs only a log line. */
  event(event: SkillEvent): Promise<void>;
}

/** A redaction, with who it happened to. */
export type TurnSecurityEvent = SecurityEvent & { readonly customerId?: string; readonly channel: Turn['platform'] };

const NO_IDENTIFIERS = prepareIdentifiers([]);

export function createConversation(deps: CoreDeps, report: (event: TurnSecurityEvent) => void): Conversation {
  // Prepared once per customer and token (a connector that returns the same Customer
  // object each time, as the sandbox does, pays for this only once).
  const prepared = new WeakMap<Customer, { readonly token?: string; readonly identifiers: KnownIdentifiers }>();
  const knownIdentifiers = (customer: Customer, token?: string): KnownIdentifiers => {
    let entry = prepared.get(customer);
    if (!entry || entry.token !== token) {
      entry = { token, identifiers: prepareIdentifiers([...customer.sensitiveIdentifiers, ...(token ? [token] : [])]) };
      prepared.set(customer, entry);
    }
    return entry.identifiers;
  };
  const identifiersFor = (turn: Turn, customer?: Customer): KnownIdentifiers => {
    const known = customer
      ? knownIdentifiers(customer, turn.accessToken)
      : prepareIdentifiers(turn.accessToken ? [turn.accessToken] : []);
    const pin = turn.slots.pin?.spoken;
    return pin ? withIdentifier(known, pin) : known;
  };

  async function draftFor(
    turn: Turn,
    say: Catalogue,
    bankName: string,
  ): Promise<{ draft: Draft; customer?: Customer }> {
    const simple = answerWithoutBank(turn, say);
    if (simple) return { draft: simple };
    if (!turn.accessToken) return { draft: linkAccount(say, bankName, turn.platform, turn.guest) };
    const customer = await deps.connector.identify(turn.accessToken);
    if (!customer) return { draft: linkAccount(say, bankName, turn.platform, turn.guest) };
    const accessToken = turn.accessToken;
    const today = todayIn(customer.timeZone, deps.now());
    // One view of the bank per turn: accounts and payees are listed once, whoever asks.
    const bankWith = customerBank(deps.connector, accessToken);
    const contextFor = (t: Turn, privacy: Disclosure): CustomerTurn => ({
      turn: t,
      deps,
      say,
      bankName,
      bankContact: phraseFor(deps.bankContact, say.locale),
      customer,
      bank: bankWith(privacy),
      privacy,
      today,
    });
    const answerTurn = async (t: Turn, privacy: Disclosure): Promise<Draft> => {
      const handler = customerHandlers[t.intent];
      if (!handler) return fallback(say, t.session);
      const ctx = contextFor(t, privacy);
      try {
        return keepReadApproval(await handler(ctx), t);
      } catch (error) {
        if (error instanceof PrivateUntilPinError) return askPinFirst(ctx);
        throw error;
      }
    };
    if (turn.newSession && turn.intent !== 'ProvidePin') {
      // Once per conversation, after the answer: it does not wait for an old payment.
      const ctx = contextFor(turn, disclosure(false));
      deps.background('settle lost payments', () => settleLostPayments(ctx));
    }
    const lists = bankWith(disclosure(false));
    // A payee or account the platform matched from this customer's dynamic entities.
    const named = namesEntities(turn);
    const payees = named.payee ? await lists.payees() : [];
    const mine = named.payee || named.account ? withBankIds(turn, customer.id, payees, await lists.accounts()) : turn;
    const privacy = disclosure(await readsApproved(deps, mine, customer.id));
    // Merchants are read from transactions: only when the conversation opens with a launch,
    // a turn that asks nothing else of the bank (a question's own calls, its deadline and
    // the connector's retries and circuit breaker are left alone), in privacy mode not
    // before the PIN, and never from a bank that counts its reads a day (a launch would
    // spend the customer's questions).
    const readsAhead = deps.connector.unattendedReadsPerDay === undefined;
    const merchantReads = turn.intent === 'Launch' && readsAhead ? bankWith(privacy) : undefined;
    const entities = turn.newSession ? entitiesFor(customer, lists, today, merchantReads) : undefined;
    const unrecognised = await speakerGate(contextFor(mine, privacy));
    if (unrecognised) return { draft: unrecognised, customer };
    let opened = false;
    const approvedRead =
      mine.intent === 'ProvidePin' && !privacy.allowed
        ? await approveRead(contextFor(mine, privacy), (waiting) => {
            opened = true;
            return answerTurn(waiting, disclosure(true));
          })
        : undefined;
    const draft = approvedRead ?? (await answerTurn(mine, privacy));
    if (draft.endSession) return { draft, customer };
    // The PIN that opened the customer's money also opens their merchants: every type again,
    // since Alexa's REPLACE stands for the whole set.
    const toSend = opened
      ? await entitiesFor(customer, lists, today, readsAhead ? bankWith(disclosure(true)) : undefined)
      : await entities;
    return { draft: toSend?.length ? { ...draft, entities: toSend } : draft, customer };
  }

  /**
   * The merchants if the bank gives them in time; else none: a welcome does not wait on
   * two months of a slow bank's pages (the words said are still matched against its records).
   */
  async function withinBudget(merchants: Promise<string[]>): Promise<string[]> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<string[]>((resolve) => {
      timer = setTimeout(() => {
        deps.log.info({ merchants: 'late' }, 'the merchants came too late for the first reply; sent without them');
        resolve([]);
      }, deps.merchantReadBudgetMs ?? MERCHANT_READ_BUDGET_MS);
    });
    try {
      return await Promise.race([merchants, late]);
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * The customer's payees, account nicknames and (with `merchantReads`) merchants for the
   * platform's recogniser, on the first reply of a session that goes on. They are listed
   * alongside the turn's own work (not after it); a failure to list them costs only that,
   * and merchants that cannot be read (privacy mode before the PIN, or the bank) cost only
   * the merchants.
   */
  function entitiesFor(
    customer: Customer,
    bank: CustomerBank,
    today: string,
    merchantReads?: CustomerBank,
  ): Promise<DynamicEntities | undefined> {
    const merchants = merchantReads
      ? withinBudget(
          recentMerchants(merchantReads, today).catch((error: unknown) => {
            if (!(error instanceof PrivateUntilPinError))
              deps.log.warn({ err: errorSummary(error) }, 'could not list the merchants');
            return [];
          }),
        )
      : [];
    return Promise.all([bank.payees(), bank.accounts(), merchants]).then(
      ([payees, list, names]) => customerEntities(customer.id, payees, list, names),
      (error: unknown) => {
        deps.log.warn({ err: errorSummary(error) }, 'could not list the dynamic entities');
        return undefined;
      },
    );
  }

  return {
    async handle(turn, hooks = {}) {
      if (deps.log.isLevelEnabled('debug')) {
        deps.log.debug(
          {
            turn: {
              requestId: turn.requestId,
              intent: turn.intent,
              locale: turn.locale,
              slots: loggableSlots(turn.slots),
              session: turn.session,
            },
          },
          'turn',
        );
      }
      if (turn.intent === 'SessionEnded') return undefined;
      const phrasingSeed = `${turn.accessToken ?? turn.requestId}|${deps.now().toISOString().slice(0, 10)}`;
      const say = withVariety(catalogueFor(turn.locale), (deps.phrasing ?? dailyPhrasing)(phrasingSeed));
      const bankName = bankNameFor(deps.bankNames, say.locale);
      const guard = (customer?: Customer) => ({
        identifiers: identifiersFor(turn, customer),
        report: (event: SecurityEvent) => report({ ...event, customerId: customer?.id, channel: turn.platform }),
      });
      if (deps.locales && !deps.locales.includes(say.locale)) {
        const notOffered = { speech: say.localeNotOffered(bankName), session: {}, endSession: true } as const;
        return renderReply(notOffered, guard(), say);
      }
      let draft: Draft;
      let customer: Customer | undefined;
      const timers: NodeJS.Timeout[] = [];
      let pastDeadline = false;
      try {
        const work = draftFor(turn, say, bankName);
        // When the deadline answers first, the work's own failure comes later, when nobody waits
        // for it any more: logged, so that it is not lost.
        work.catch((error: unknown) => {
          if (pastDeadline)
            deps.log.warn(
              { err: errorSummary(error), requestId: turn.requestId, intent: turn.intent },
              'turn failed after its deadline',
            );
        });
        if (hooks.progress && BANK_INTENTS.has(turn.intent)) {
          const progress = hooks.progress;
          const meanwhile = { speech: say.oneMoment(bankName), session: {}, endSession: true } as const;
          timers.push(
            setTimeout(
              () => void progress(renderReply(meanwhile, guard(), say)).catch(() => undefined),
              deps.progressAfterMs ?? PROGRESS_AFTER_MS,
            ),
          );
        }
        const deadline = new Promise<never>((_, reject) => {
          timers.push(setTimeout(() => reject(new TurnDeadlineError()), deps.turnDeadlineMs ?? TURN_DEADLINE_MS));
        });
        ({ draft, customer } = await Promise.race([work, deadline]));
      } catch (error) {
        if (error instanceof UnknownAccessTokenError) {
          draft = linkAccount(say, bankName, turn.platform, turn.guest);
        } else if (error instanceof BankAccessError) {
          draft = bankAccessHeldBack(say, bankName, error.reason);
        } else if (error instanceof TurnDeadlineError) {
          pastDeadline = true;
          // The work goes on (a payment completes or not, recorded under its key); the customer hears now.
          deps.log.warn({ requestId: turn.requestId, intent: turn.intent }, 'turn deadline reached');
          draft =
            turn.intent === 'ProvidePin'
              ? { speech: say.paymentOutcomeUnknown(bankName), session: {}, endSession: true }
              : bankUnavailable(say, bankName);
        } else {
          // Connector failures are the common case; a bug here must still get a spoken answer.
          deps.log.error({ err: errorSummary(error), requestId: turn.requestId, intent: turn.intent }, 'turn failed');
          draft = bankUnavailable(say, bankName);
        }
      } finally {
        timers.forEach(clearTimeout);
      }
      return renderReply(draft, guard(customer), say, turn.slots);
    },
    async event(event) {
      try {
        await onSkillEvent(deps, event);
      } catch (error) {
        deps.log.warn({ err: errorSummary(error), requestId: event.requestId }, 'could not act on a skill event');
      }
    },
    recover(request, error) {
      deps.log.error({ err: errorSummary(error), requestId: request.requestId }, 'request failed');
      const say = catalogueFor(request.locale);
      return renderReply(
        { speech: say.somethingWentWrong(), session: {}, endSession: true },
        { identifiers: NO_IDENTIFIERS, report: () => undefined },
        say,
      );
    },
  };
}
