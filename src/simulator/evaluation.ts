/**
 * The language evaluation: phrasings people really use (evaluation/language/<locale>.json,
 * written apart from the model's samples), each with the intent and slots it should give,
 * run through a matcher and scored like a test set: intent accuracy per intent and locale,
 * exact slot accuracy, and the confusions.
 *
 * Slot values are compared by what the core makes of them for the evaluation's customer:
 * a payee is the saved payee the core's matching picks, an account the kind of the account
 * it picks, so a synonym, a dynamic entity or a fuzzy match all count when they reach the
 * right payee or account.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as z from 'zod';
import type { Account, Payee } from '../bank/connector';
import { lastFour } from '../bank/sandbox/connector';
import { loadSandboxFixture, type SandboxCustomer } from '../bank/sandbox/fixture';
import { resolveAccount } from '../core/accounts';
import { customerEntities, slotsWithBankIds } from '../core/entities';
import { matchPayee } from '../core/payments/payees';
import { LOCALES, type Locale } from '../language/model';
import type { DynamicEntities } from '../shared/entities';
import type { SlotName, SlotValue } from '../shared/slots';

const EVALUATION_DIR = path.resolve(__dirname, '../../evaluation/language');

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

const phraseSchema = z.strictObject({
  say: z.string().trim().min(1),
  intent: z.string().min(1),
  /** Expected meaning per slot: a payee id, an account kind, digits, or an AMAZON.DATE value. */
  slots: z.record(z.string(), z.string()).default({}),
});

const evaluationSchema = z.strictObject({
  locale: z.enum(LOCALES),
  /** The sandbox customer whose payees and accounts the phrases name. */
  customer: z.string().min(1),
  /** The day relative dates are resolved from. */
  today: isoDay,
  about: z.string(),
  phrases: z.array(phraseSchema).min(1),
});

export type Evaluation = z.infer<typeof evaluationSchema>;
type EvaluationPhrase = Evaluation['phrases'][number];

export function loadEvaluation(locale: Locale, dir: string = EVALUATION_DIR): Evaluation {
  const file = path.join(dir, `${locale}.json`);
  const parsed = evaluationSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`${file}: not an evaluation set\n${z.prettifyError(parsed.error)}`);
  if (parsed.data.locale !== locale) throw new Error(`${file}: says locale ${parsed.data.locale}`);
  return parsed.data;
}

/** The evaluation's customer as the core sees them: accounts and saved payees. */
export interface EvaluationCustomer {
  readonly id: string;
  readonly accounts: readonly Account[];
  readonly payees: readonly Payee[];
  /** What the skill sends the platform on the first turn of this customer's session. */
  readonly entities: DynamicEntities;
}

export function evaluationCustomer(token: string, customers?: readonly SandboxCustomer[]): EvaluationCustomer {
  const found = (customers ?? loadSandboxFixture().customers).find((customer) => customer.accessToken === token);
  if (!found) throw new Error(`no sandbox customer with token ${token}`);
  const accounts = found.accounts.map((account) => ({
    id: account.id,
    kind: account.type,
    nickname: account.nickname,
    currency: account.currency,
    lastFour: lastFour(account.number),
  }));
  const payees = found.payees.map(({ id, name, aliases, kind }) => ({ id, name, aliases, kind }));
  return { id: found.id, accounts, payees, entities: customerEntities(found.id, payees, accounts) };
}

/** What a matcher made of a phrase: the core intent and the slots as the platform would send them. */
export interface Understanding {
  readonly intent: string;
  readonly slots: Readonly<Record<string, SlotValue>>;
}

export type Understand = (utterance: string) => Understanding | Promise<Understanding>;

const PAYEE_SLOTS = new Set(['payee']);
const ACCOUNT_SLOTS = new Set(['accountType', 'fromAccount', 'toAccount']);

/** A slot's meaning for the customer, comparable with the evaluation's expectations. */
function slotMeaning(name: string, value: SlotValue, customer: EvaluationCustomer, locale: string): string {
  if (PAYEE_SLOTS.has(name)) {
    const choice = matchPayee(customer.payees, value);
    if (choice.kind === 'found') return choice.payee.id;
    if (choice.kind === 'ambiguous') return `ambiguous: ${choice.options.map((payee) => payee.id).join(', ')}`;
    return `unknown: ${value.spoken ?? ''}`;
  }
  if (ACCOUNT_SLOTS.has(name)) {
    const choice = resolveAccount(customer.accounts, value, locale);
    if (choice.kind === 'found') return choice.account.kind;
    if (choice.kind === 'none') return choice.requested;
    return `unknown: ${value.spoken ?? ''}`;
  }
  // A category is its id, whichever of its synonyms was said.
  if (name === 'category') return value.resolvedId ?? `unknown: ${value.spoken ?? ''}`;
  return value.spoken ?? '';
}

interface PhraseResult {
  readonly phrase: EvaluationPhrase;
  readonly intent: string;
  readonly slots: Readonly<Record<string, string>>;
  readonly intentCorrect: boolean;
  /** The intent is right and the slots are exactly the expected ones: none missing, none extra. */
  readonly slotsExact: boolean;
}

interface IntentScore {
  readonly intent: string;
  readonly phrases: number;
  readonly correct: number;
}

export interface LocaleReport {
  readonly locale: Locale;
  readonly matcher: string;
  readonly phrases: number;
  readonly intentAccuracy: number;
  readonly slotAccuracy: number;
  readonly perIntent: readonly IntentScore[];
  readonly results: readonly PhraseResult[];
}

function sameSlots(expected: Readonly<Record<string, string>>, got: Readonly<Record<string, string>>): boolean {
  const keys = new Set([...Object.keys(expected), ...Object.keys(got)]);
  return [...keys].every((key) => expected[key] === got[key]);
}

export async function evaluate(
  evaluation: Evaluation,
  customer: EvaluationCustomer,
  matcher: string,
  understand: Understand,
): Promise<LocaleReport> {
  const results: PhraseResult[] = [];
  for (const phrase of evaluation.phrases) {
    const understood = await understand(phrase.say);
    // As the core does before any handler: the customer's entity ids become bank ids.
    const said = slotsWithBankIds(
      understood.slots as Partial<Record<SlotName, SlotValue>>,
      customer.id,
      customer.payees,
      customer.accounts,
    );
    const slots = Object.fromEntries(
      Object.entries(said).map(([name, value]) => [name, slotMeaning(name, value, customer, evaluation.locale)]),
    );
    const intentCorrect = understood.intent === phrase.intent;
    results.push({
      phrase,
      intent: understood.intent,
      slots,
      intentCorrect,
      slotsExact: intentCorrect && sameSlots(phrase.slots, slots),
    });
  }
  const intents = [...new Set(evaluation.phrases.map((phrase) => phrase.intent))];
  const perIntent = intents.map((intent) => {
    const of = results.filter((result) => result.phrase.intent === intent);
    return { intent, phrases: of.length, correct: of.filter((result) => result.intentCorrect).length };
  });
  const share = (count: number) => count / results.length;
  return {
    locale: evaluation.locale,
    matcher,
    phrases: results.length,
    intentAccuracy: share(results.filter((result) => result.intentCorrect).length),
    slotAccuracy: share(results.filter((result) => result.slotsExact).length),
    perIntent,
    results,
  };
}

function percent(share: number): string {
  return `${(share * 100).toFixed(1)} %`;
}

/** The report as text: the totals, each intent, then every miss. */
export function formatReport(report: LocaleReport): string[] {
  const lines = [
    `${report.locale} via ${report.matcher}: ${report.phrases} phrases, intent ${percent(report.intentAccuracy)}, exact slots ${percent(report.slotAccuracy)}`,
    `  per intent: ${report.perIntent.map((score) => `${score.intent} ${score.correct}/${score.phrases}`).join(', ')}`,
  ];
  for (const result of report.results) {
    if (!result.intentCorrect) {
      lines.push(`  confused: "${result.phrase.say}" → ${result.intent}, not ${result.phrase.intent}`);
    } else if (!result.slotsExact) {
      lines.push(
        `  slots: "${result.phrase.say}" → ${JSON.stringify(result.slots)}, not ${JSON.stringify(result.phrase.slots)}`,
      );
    }
  }
  return lines;
}

export function summaryTable(reports: readonly LocaleReport[]): string[] {
  const matchers = [...new Set(reports.map((report) => report.matcher))];
  const header = `| locale | phrases | ${matchers.map((m) => `intent (${m}) | exact slots (${m})`).join(' | ')} |`;
  const rule = `| --- | --- | ${matchers.map(() => '--- | ---').join(' | ')} |`;
  const rows = LOCALES.flatMap((locale) => {
    const of = matchers.map((m) => reports.find((report) => report.locale === locale && report.matcher === m));
    const first = of.find((report) => report !== undefined);
    if (!first) return [];
    const cells = of.map((report) =>
      report ? `${percent(report.intentAccuracy)} | ${percent(report.slotAccuracy)}` : '– | –',
    );
    return [`| ${locale} | ${first.phrases} | ${cells.join(' | ')} |`];
  });
  return [header, rule, ...rows];
}
