/**
 * Dialog scripts (dialogs/<locale>/*.json): a conversation to replay, like
 * `ask dialog --replay`, with the facts each reply must state and the secrets it must
 * not. A missing fact is a failure; every failure is collected, not just the first, so
 * one run shows everything a change broke.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as z from 'zod';
import { LOCALES } from '../language/model';
import type { SimulatorSession, TurnResult } from './session';

export const DIALOGS_DIR = path.resolve(__dirname, '../../dialogs');

const fact = z.string().min(1);

const dialogTurnSchema = z.strictObject({
  /** What the user says (or /launch, /end). */
  say: z.string().trim().min(1),
  /** Texts the reply must contain: speech, reprompt or card. */
  expect: z.array(fact).default([]),
  /** Texts that must appear nowhere in the platform's response. */
  never: z.array(fact).default([]),
  /**
   * The intent the utterance must go to: the core name (GetBalance, Launch) or an Alexa
   * name (GetBalanceIntent, AMAZON.CancelIntent, LaunchRequest); either works on both platforms.
   */
  intent: z.string().min(1).optional(),
  /**
   * Slot values the NLU must have found: the resolved id or name (a customer's payee resolves
   * to an opaque dynamic-entity id, so scripts name it: "City Power"), else the value sent.
   */
  slots: z.record(z.string(), z.string()).optional(),
  /** Whether the reply must end (true) or keep (false) the session. */
  ends: z.boolean().optional(),
  /** A note for the reader; printed with the turn. */
  note: z.string().optional(),
});

const dialogSchema = z.strictObject({
  description: z.string().optional(),
  locale: z.enum(LOCALES),
  /** A sandbox access token; null for a user who has not linked an account. */
  user: z.string().min(1).nullable(),
  /**
   * Pins the dialog to one platform (e.g. answers to Alexa's slot elicitation, which
   * Google does not do). Without it the dialog holds on both; the console replays on Alexa
   * unless --platform says otherwise, and the tests replay it on both.
   */
  platform: z.enum(['alexa', 'google']).optional(),
  /** Texts no turn may contain (account numbers, the PIN…). */
  never: z.array(fact).default([]),
  turns: z.array(dialogTurnSchema).min(1),
});

export type Dialog = z.infer<typeof dialogSchema>;
type DialogTurn = Dialog['turns'][number];

function parseDialog(json: unknown, source: string): Dialog {
  const parsed = dialogSchema.safeParse(json);
  if (!parsed.success) throw new Error(`${source}: not a dialog script\n${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

export function loadDialog(file: string): Dialog {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8')) as unknown;
  } catch (error) {
    throw new Error(`${file}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  return parseDialog(json, file);
}

/** Every shipped script, as paths relative to the dialogs folder, sorted. */
export function listDialogs(dir: string = DIALOGS_DIR): string[] {
  // One folder per locale, scripts directly inside it.
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((folder) =>
      readdirSync(path.join(dir, folder.name))
        .filter((name) => name.endsWith('.json'))
        .map((name) => path.join(folder.name, name)),
    )
    .sort();
}

/** Any run of spaces as one plain space: money is formatted with no-break spaces ("2540,18\u00a0€"). */
function tidy(text: string): string {
  return text.replace(/[^\S\n]+/g, ' ');
}

/** What a user takes away from a reply: speech, display text, reprompt and card. */
function heard(result: TurnResult): string {
  return tidy(
    [
      result.speech,
      result.displayText ?? '',
      result.reprompt ?? '',
      result.card?.title ?? '',
      result.card?.text ?? '',
    ].join('\n'),
  );
}

/** The names a turn's intent goes by: its core name and, for Launch and model intents, the Alexa ones. */
type IntentAliases = (coreIntent: string) => readonly string[];

/** Every way a turn falls short of its script line, in words a developer can act on. */
function checkTurn(
  turn: DialogTurn,
  result: TurnResult,
  alwaysNever: readonly string[],
  aliases: IntentAliases = () => [],
): string[] {
  const failures: string[] = [];
  const text = heard(result);
  for (const expected of turn.expect) {
    if (!text.includes(tidy(expected))) failures.push(`expected ${JSON.stringify(expected)} in the reply`);
  }
  const everything = `${text}\n${result.ssml}\n${result.raw}`;
  for (const secret of [...alwaysNever, ...turn.never]) {
    if (everything.includes(secret)) failures.push(`${JSON.stringify(secret)} must not appear, but it does`);
  }
  const names = [result.intent, result.platformIntent, ...aliases(result.intent)];
  if (turn.intent && !names.includes(turn.intent)) {
    failures.push(
      `expected intent ${turn.intent}, got ${result.platformIntent}${result.match && !result.match.matched ? ' (no sample matched)' : ''}`,
    );
  }
  for (const [name, expected] of Object.entries(turn.slots ?? {})) {
    const slot = result.slots.find((candidate) => candidate.name === name);
    const got = slot ? (slot.resolvedId ?? slot.value) : undefined;
    if (got !== expected && (slot?.resolvedName === undefined || slot.resolvedName !== expected))
      failures.push(
        `expected slot ${name}=${JSON.stringify(expected)}, got ${got === undefined ? 'none' : JSON.stringify(got)}`,
      );
  }
  if (turn.ends !== undefined && turn.ends !== result.ended)
    failures.push(turn.ends ? 'expected the session to end' : 'expected the session to stay open');
  return failures;
}

export interface TurnReport {
  /** 1-based, as a person counts the lines. */
  readonly index: number;
  readonly turn: DialogTurn;
  readonly result: TurnResult;
  readonly failures: readonly string[];
}

export interface ReplayReport {
  readonly turns: readonly TurnReport[];
  /** "turn 3 (\"two four six eight\"): expected …", one per failure. */
  readonly failures: readonly string[];
}

/** Says each line in order on the session, checking each reply as it comes. */
export async function replayDialog(
  dialog: Dialog,
  session: SimulatorSession,
  onTurn?: (report: TurnReport) => void,
): Promise<ReplayReport> {
  const turns: TurnReport[] = [];
  const failures: string[] = [];
  const intents = session.matcher.model.intents;
  const aliases: IntentAliases = (intent) => (intent === 'Launch' ? ['LaunchRequest'] : (intents[intent]?.alexa ?? []));
  for (const [i, turn] of dialog.turns.entries()) {
    const result = await session.say(turn.say);
    const report: TurnReport = { index: i + 1, turn, result, failures: checkTurn(turn, result, dialog.never, aliases) };
    turns.push(report);
    failures.push(
      ...report.failures.map((failure) => `turn ${report.index} (${JSON.stringify(turn.say)}): ${failure}`),
    );
    onTurn?.(report);
  }
  return { turns, failures };
}
