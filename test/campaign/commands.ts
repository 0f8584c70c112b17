/**
 * What a customer, the bank and the operators can do, as fast-check commands over a small
 * model: ask for a payment or a transfer, say a right or a wrong PIN, cancel, repeat, say
 * yes, start a new conversation (which settles lost payments), ask for a balance, let time
 * pass (past a payment's expiry, past midnight), make the bank lose, refuse or hold the
 * next payment, restart a process, reset a locked PIN — and several of these at once, in
 * an order the scheduler picks. The model predicts what it can (the lockout, exactly);
 * the store and the bank are checked against the invariants after every command.
 */
import fc from 'fast-check';
import { PAYMENT_LEASE_MS } from '../../src/core/payments/deps';
import type { Turn } from '../../src/core/turn';
import { pinCredentials } from '../../src/store/pin-credentials';
import type { SessionState } from '../../src/shared/session';
import { catalogueFor } from '../../src/voice/locales';
import type { SafeReply } from '../../src/voice/reply';
import { auditSnapshot, checkInvariants, expectAppendedTo, InvariantBroken } from './invariants';
import { PIN_LIMIT, type PaymentFault, type World } from './world';

interface Conversation {
  readonly id: number;
  readonly process: number;
  readonly platform: 'alexa' | 'google';
  session: SessionState;
  /** The voice PIN unlocked reads for the rest of this conversation (privacy mode). */
  readsApproved: boolean;
  /** Amounts the customer said: hearing them back is no leak. */
  readonly asked: Set<string>;
  requests: number;
}

export interface Model {
  conversations: Conversation[];
  nextConversation: number;
  /** Consecutive wrong PINs counted, as the replies said. */
  failures: number;
  locked: boolean;
}

export interface Real {
  readonly world: World;
  /** Every reply, for the report of a failing sequence. */
  readonly transcript: string[];
}

export function initialModel(): Model {
  return { conversations: [], nextConversation: 0, failures: 0, locked: false };
}

const en = catalogueFor('en-US');

/** Balances and transaction amounts of the customer's: what privacy mode keeps until the PIN. */
async function customersMoney(world: World): Promise<string[]> {
  const balances = await world.bankDb.query<{
    available_minor: number | null;
    current_minor: number;
    currency: string;
  }>(`SELECT available_minor, current_minor, currency FROM sandbox_balances WHERE customer_id = ?`, [
    world.customer.id,
  ]);
  const amounts = balances.flatMap((b) =>
    [b.available_minor, b.current_minor]
      .filter((m): m is number => m !== null)
      .map((minor) => en.money({ minor: Number(minor), currency: b.currency }).text),
  );
  const transactions = world.customer.transactions.map(
    (t) => en.money({ minor: Math.round(Number(t.amount) * 100), currency: 'USD' }).text,
  );
  return [...new Set([...amounts, ...transactions])];
}

const PIN_WRONG = /^That PIN didn't match\. You have (\d) tr(?:y|ies) left\./;
const PIN_JUST_LOCKED = /^That PIN didn't match, so for your security I've locked voice payments/;
const PIN_LOCKED = /^Voice payments are locked for your security/;
/** Answers that mean no PIN was checked at all. */
const NOT_CHECKED = [
  /^There's no payment waiting for your PIN/,
  /^I'm still checking your last PIN/,
  /^Sorry, I couldn't get to your PIN/,
  /expired/,
];

type PinVerdict = 'wrong' | 'just_locked' | 'locked' | 'not_checked' | 'right';

function verdictOf(speech: string): PinVerdict {
  if (PIN_WRONG.test(speech)) return 'wrong';
  if (PIN_JUST_LOCKED.test(speech)) return 'just_locked';
  if (PIN_LOCKED.test(speech)) return 'locked';
  if (NOT_CHECKED.some((pattern) => pattern.test(speech))) return 'not_checked';
  return 'right';
}

function fail(what: string, details: unknown): never {
  throw new InvariantBroken(what, details);
}

interface Said {
  readonly reply: SafeReply | undefined;
  readonly conversation: Conversation;
}

/** One turn of a conversation, through the real application of its process. */
async function say(
  r: Real,
  conversation: Conversation,
  intent: Turn['intent'],
  slots: Turn['slots'] = {},
): Promise<Said> {
  const world = r.world;
  const reply = await world.process(conversation.process).conversation.handle({
    platform: conversation.platform,
    requestId: `c${conversation.id}-${conversation.requests++}`,
    locale: 'en-US',
    accessToken: world.customer.accessToken,
    intent,
    slots,
    session: conversation.session,
    newSession: conversation.requests === 1,
  });
  r.transcript.push(`[${conversation.id}@p${conversation.process}] ${intent} → ${reply?.speechText ?? '(silence)'}`);
  if (reply) conversation.session = JSON.parse(reply.sessionJson) as SessionState;
  return { reply, conversation };
}

/** Nothing of the customer's money before a PIN, in anything that went out. */
async function checkPrivacy(r: Real, said: Said, pinJustRight: boolean): Promise<void> {
  const { reply, conversation } = said;
  if (!r.world.privacyMode || !reply || conversation.readsApproved || pinJustRight) return;
  const outgoing = [reply.speechText, reply.repromptText ?? '', reply.card?.text ?? '', reply.sessionJson]
    .join('\n')
    // The limits, and what is left of today's, are the bank's rules, not the customer's money.
    .replace(/(?:at most|limit of|still send) \$[\d,]+\.\d\d/g, '');
  for (const amount of await customersMoney(r.world)) {
    if (conversation.asked.has(amount)) continue;
    if (outgoing.includes(amount)) fail('privacy mode told an amount before the PIN', { amount, outgoing });
  }
}

function track(m: Model, conversation: Conversation, reply: SafeReply | undefined): void {
  const open = reply !== undefined && !reply.endSession;
  m.conversations = m.conversations.filter((c) => c.id !== conversation.id);
  if (open) m.conversations.push(conversation);
}

/** A conversation to speak in: one waiting for a PIN when there is one, as customers mostly are. */
function pick(m: Model, index: number): Conversation | undefined {
  const waiting = m.conversations.filter(
    (c) => c.session.payment !== undefined || c.session.readApproval !== undefined,
  );
  const from = waiting.length > 0 ? waiting : m.conversations;
  return from[index % from.length];
}

function newConversation(m: Model, process: number, platform: 'alexa' | 'google'): Conversation {
  return {
    id: m.nextConversation++,
    process,
    platform,
    session: {},
    readsApproved: false,
    asked: new Set(),
    requests: 0,
  };
}

/** A step that can run alone or together with others. */
interface Step {
  toString(): string;
  /** Runs against the real system; the model is updated from what was said. */
  act(m: Model, r: Real, together: boolean): Promise<void>;
}

const platforms = fc.constantFrom<'alexa' | 'google'>('alexa', 'google');
const processes = fc.constantFrom(0, 1);

/** Amounts people ask for, some over a balance, a limit or what is left of the day. */
const amounts = fc.oneof(
  fc.constantFrom(4520, 40_000, 90_000, 99_999, 100_001, 125_000),
  fc.integer({ min: 1, max: 110_000 }),
);

class RequestPayment implements Step {
  constructor(
    readonly process: number,
    readonly platform: 'alexa' | 'google',
    readonly kind: 'bill' | 'transfer',
    readonly target: number,
    readonly amountMinor: number,
    readonly fromSavings: boolean,
  ) {}
  toString() {
    return `Request(${this.kind}#${this.target}, ${this.amountMinor}, p${this.process}, ${this.platform}${this.fromSavings ? ', savings' : ''})`;
  }
  async act(m: Model, r: Real, together: boolean) {
    const conversation = newConversation(m, this.process, this.platform);
    conversation.asked.add(en.money({ minor: this.amountMinor, currency: 'USD' }).text);
    const amount = { spoken: String(Math.floor(this.amountMinor / 100)) };
    const cents = { spoken: String(this.amountMinor % 100) };
    const from = this.fromSavings ? 'savings' : 'checking';
    const slots: Turn['slots'] =
      this.kind === 'bill'
        ? {
            payee: { spoken: ['city power', 'verizon', 'mom'][this.target % 3] as string },
            amount,
            cents,
            fromAccount: { spoken: from, resolvedId: from },
          }
        : {
            amount,
            cents,
            fromAccount: { spoken: from, resolvedId: from },
            toAccount: this.fromSavings
              ? { spoken: 'checking', resolvedId: 'checking' }
              : { spoken: 'savings', resolvedId: 'savings' },
          };
    const said = await say(r, conversation, this.kind === 'bill' ? 'PayBill' : 'TransferMoney', slots);
    await checkPrivacy(r, said, false);
    if (!together && PIN_LOCKED.test(said.reply?.speechText ?? '') && !m.locked)
      fail('locked without a lockout', this.toString());
    track(m, conversation, said.reply);
  }
}

/** A payment asked for and confirmed with the right PIN straight away, as most are. */
class Pay implements Step {
  constructor(readonly request: RequestPayment) {}
  toString() {
    return `Pay(${this.request.toString()})`;
  }
  async act(m: Model, r: Real, together: boolean) {
    const before = m.nextConversation;
    await this.request.act(m, r, together);
    const conversation = m.conversations.find((c) => c.id === before);
    if (conversation?.session.payment)
      await new SayPin(m.conversations.indexOf(conversation), true).actOn(conversation, m, r, together);
  }
}

class SayPin implements Step {
  constructor(
    readonly conversation: number,
    readonly right: boolean,
  ) {}
  toString() {
    return `Pin(#${this.conversation}, ${this.right ? 'right' : 'wrong'})`;
  }
  async act(m: Model, r: Real, together: boolean) {
    const conversation = pick(m, this.conversation);
    if (conversation) await this.actOn(conversation, m, r, together);
  }

  async actOn(conversation: Conversation, m: Model, r: Real, together: boolean) {
    const readApproval = conversation.session.readApproval !== undefined && conversation.session.payment === undefined;
    const pin = this.right ? r.world.customer.voicePin : '1357';
    const said = await say(r, conversation, 'ProvidePin', { pin: { spoken: pin } });
    const speech = said.reply?.speechText ?? '';
    const verdict = verdictOf(speech);
    if (this.right && (verdict === 'wrong' || verdict === 'just_locked')) fail('a right PIN was refused', speech);
    if (!this.right && verdict === 'right') fail('a wrong PIN was taken', speech);
    if (said.reply && JSON.stringify(said.reply).includes(pin)) fail('a PIN went out in a reply', speech);
    await checkPrivacy(r, said, this.right && verdict === 'right');
    if (this.right && verdict === 'right' && readApproval) conversation.readsApproved = true;
    track(m, conversation, said.reply);
    if (together) return;
    // Alone, the lockout is predicted exactly.
    switch (verdict) {
      case 'wrong': {
        m.failures += 1;
        const triesLeft = Number(PIN_WRONG.exec(speech)?.[1]);
        if (m.locked || m.failures >= PIN_LIMIT || triesLeft !== PIN_LIMIT - m.failures)
          fail('the tries left are wrong', { speech, failures: m.failures });
        break;
      }
      case 'just_locked':
        m.failures += 1;
        if (m.locked || m.failures !== PIN_LIMIT) fail('locked at the wrong count', { failures: m.failures });
        m.locked = true;
        break;
      case 'locked':
        if (!m.locked) fail('said locked without a lockout', speech);
        break;
      case 'right':
        m.failures = 0;
        break;
      case 'not_checked':
        break;
    }
  }
}

/** Someone guessing: several wrong PINs in a row in one conversation. */
class Guess implements Step {
  constructor(
    readonly conversation: number,
    readonly tries: number,
  ) {}
  toString() {
    return `Guess(#${this.conversation} ×${this.tries})`;
  }
  async act(m: Model, r: Real, together: boolean) {
    for (let i = 0; i < this.tries; i++) await new SayPin(this.conversation, false).act(m, r, together);
  }
}

/** Cancel, repeat, yes: said in a conversation that is open. */
class SayInConversation implements Step {
  constructor(
    readonly conversation: number,
    readonly intent: 'Cancel' | 'Repeat' | 'Yes' | 'No',
  ) {}
  toString() {
    return `${this.intent}(#${this.conversation})`;
  }
  async act(m: Model, r: Real) {
    const conversation = pick(m, this.conversation);
    if (!conversation) return;
    const said = await say(r, conversation, this.intent);
    await checkPrivacy(r, said, false);
    track(m, conversation, said.reply);
  }
}

/** A new conversation: a launch, or a balance question (which privacy mode keeps until the PIN). */
class NewConversation implements Step {
  constructor(
    readonly process: number,
    readonly platform: 'alexa' | 'google',
    readonly intent: 'Launch' | 'GetBalance' | 'GetTransactions',
  ) {}
  toString() {
    return `New(${this.intent}, p${this.process}, ${this.platform})`;
  }
  async act(m: Model, r: Real) {
    const conversation = newConversation(m, this.process, this.platform);
    const said = await say(r, conversation, this.intent);
    await checkPrivacy(r, said, false);
    track(m, conversation, said.reply);
  }
}

class Step_ implements fc.AsyncCommand<Model, Real, false> {
  constructor(readonly step: Step) {}
  check() {
    return true;
  }
  async run(m: Model, r: Real) {
    await runChecked(r, () => this.step.act(m, r, false));
  }
  toString() {
    return this.step.toString();
  }
}

/** Several steps at once; the scheduler picks the order in which the bank answers. */
class Together implements fc.AsyncCommand<Model, Real, false> {
  constructor(
    readonly steps: readonly Step[],
    readonly scheduler: fc.Scheduler,
  ) {}
  check() {
    return true;
  }
  async run(m: Model, r: Real) {
    await runChecked(r, async () => {
      const { interleaving } = r.world;
      interleaving.install(this.scheduler);
      try {
        await interleaving.run(Promise.all(this.steps.map((step) => step.act(m, r, true))));
        await r.world.settled();
      } finally {
        interleaving.uninstall();
      }
      // The order was the scheduler's: take the count from the store, which must agree with
      // the lockout rule whatever the order was.
      const status = await pinCredentials(r.world.db).status(r.world.bankId, r.world.customer.id);
      if (status.failures > PIN_LIMIT) fail('more wrong PINs counted than the limit', status);
      if (status.failures >= PIN_LIMIT && status.lockedAt === undefined)
        fail('reached the limit without locking', status);
      m.failures = status.failures;
      m.locked = status.lockedAt !== undefined;
    });
  }
  toString() {
    return `Together(${this.steps.map(String).join(', ')})`;
  }
}

class Tick implements fc.AsyncCommand<Model, Real, false> {
  constructor(readonly ms: number) {}
  check() {
    return true;
  }
  async run(_m: Model, r: Real) {
    r.world.clock.advance(this.ms);
  }
  toString() {
    return `Tick(${this.ms})`;
  }
}

/** Past midnight in the customer's time zone, plus a few minutes. */
class NextDay implements fc.AsyncCommand<Model, Real, false> {
  check() {
    return true;
  }
  async run(_m: Model, r: Real) {
    const now = r.world.clock.now();
    const local = new Date(now.toLocaleString('en-US', { timeZone: r.world.customer.timeZone }));
    const toMidnight = (24 - local.getHours()) * 3_600_000 - local.getMinutes() * 60_000 - local.getSeconds() * 1000;
    r.world.clock.advance(toMidnight + 5 * 60_000);
  }
  toString() {
    return 'NextDay';
  }
}

class Fault implements fc.AsyncCommand<Model, Real, false> {
  constructor(readonly fault: PaymentFault) {}
  check() {
    return true;
  }
  async run(_m: Model, r: Real) {
    if (r.world.connector === 'openbanking' && (this.fault === 'rejected' || this.fault === 'pending')) return;
    r.world.inject(this.fault);
  }
  toString() {
    return `Fault(${this.fault})`;
  }
}

class Restart implements fc.AsyncCommand<Model, Real, false> {
  constructor(readonly process: number) {}
  check() {
    return true;
  }
  async run(_m: Model, r: Real) {
    await runChecked(r, () => r.world.restart(this.process));
  }
  toString() {
    return `Restart(p${this.process})`;
  }
}

/** The bank's support resets a locked voice PIN (npm run pin -- reset). */
class ResetPin implements fc.AsyncCommand<Model, Real, false> {
  check(m: Readonly<Model>) {
    return m.locked;
  }
  async run(m: Model, r: Real) {
    await pinCredentials(r.world.db).reset(r.world.bankId, r.world.customer.id, r.world.clock.now().getTime());
    m.failures = 0;
    m.locked = false;
  }
  toString() {
    return 'ResetPin';
  }
}

/** Runs a command, waits for the work it left running, and checks everything still holds. */
async function runChecked(r: Real, work: () => Promise<void>): Promise<void> {
  const before = await auditSnapshot(r.world);
  await work();
  await r.world.settled();
  await checkInvariants(r.world, false);
  expectAppendedTo(before, await auditSnapshot(r.world));
  const status = await pinCredentials(r.world.db).status(r.world.bankId, r.world.customer.id);
  if (status.failures > PIN_LIMIT) fail('more wrong PINs counted than the limit', status);
}

const conversationIndex = fc.nat({ max: 7 });

const request = fc
  .tuple(processes, platforms, fc.constantFrom('bill', 'transfer'), fc.nat(5), amounts, fc.boolean())
  .map(
    ([p, platform, kind, target, amount, savings]) => new RequestPayment(p, platform, kind, target, amount, savings),
  );

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 3, arbitrary: request },
  { weight: 3, arbitrary: request.map((r) => new Pay(r)) },
  {
    weight: 1,
    arbitrary: fc.tuple(conversationIndex, fc.integer({ min: 1, max: 4 })).map(([c, n]) => new Guess(c, n)),
  },
  {
    weight: 5,
    arbitrary: fc
      .tuple(conversationIndex, fc.boolean(), fc.boolean())
      .map(([c, right, alsoRight]) => new SayPin(c, right || alsoRight)),
  },
  {
    weight: 2,
    arbitrary: fc
      .tuple(
        conversationIndex,
        fc.constantFrom('Cancel', 'Repeat', 'Yes', 'No') as fc.Arbitrary<'Cancel' | 'Repeat' | 'Yes' | 'No'>,
      )
      .map(([c, intent]) => new SayInConversation(c, intent)),
  },
  {
    weight: 2,
    arbitrary: fc
      .tuple(
        processes,
        platforms,
        fc.constantFrom('Launch', 'GetBalance', 'GetTransactions') as fc.Arbitrary<
          'Launch' | 'GetBalance' | 'GetTransactions'
        >,
      )
      .map(([p, platform, intent]) => new NewConversation(p, platform, intent)),
  },
);

export const commands = fc.commands<Model, Real, false>(
  [
    step.map((s) => new Step_(s)),
    fc
      .tuple(fc.array(step, { minLength: 2, maxLength: 5 }), fc.scheduler())
      .map(([steps, scheduler]) => new Together(steps, scheduler)),
    // The same confirmation sent several times at once (a retry, a double tap, two devices),
    // maybe while a new conversation settles lost payments.
    fc
      .tuple(
        conversationIndex,
        fc.integer({ min: 2, max: 4 }),
        fc.option(processes.map((p) => new NewConversation(p, 'alexa', 'Launch'))),
        fc.scheduler(),
      )
      .map(
        ([c, copies, launch, scheduler]) =>
          new Together(
            [...Array.from({ length: copies }, () => new SayPin(c, true)), ...(launch ? [launch] : [])],
            scheduler,
          ),
      ),
    fc.oneof(fc.integer({ min: 1000, max: 40_000 }), fc.constant(6 * 60_000)).map((ms) => new Tick(ms)),
    fc.constant(new NextDay()),
    fc
      .constantFrom<PaymentFault>('lost_before', 'lost_after', 'not_sent', 'rejected', 'pending')
      .map((f) => new Fault(f)),
    processes.map((p) => new Restart(p)),
    fc.constant(new ResetPin()),
  ],
  { maxCommands: 16, size: 'max' },
);

/** After the sequence: the bank answers again, and new conversations settle whatever was left. */
export async function finish(r: Real): Promise<void> {
  const world = r.world;
  world.clearFaults();
  for (let round = 0; round < 10; round++) {
    // Past any lease a lost holder left behind.
    world.clock.advance(PAYMENT_LEASE_MS + 1000);
    await new NewConversation(0, 'alexa', 'Launch').act(initialModel(), r);
    await world.settled();
    const [left] = await world.db.query<{ n: number }>(
      "SELECT COUNT(*) AS n FROM pending_payments WHERE bank_id = ? AND customer_id = ? AND status IN ('approved', 'unknown')",
      [world.bankId, world.customer.id],
    );
    if (Number(left?.n) === 0) break;
  }
  await checkInvariants(world, true);
}
