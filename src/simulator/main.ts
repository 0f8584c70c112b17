/**
 * `npm run simulate`: a console that talks to Saldo as a user would, through the real
 * Alexa (or Google) adapter in-process, with the utterances matched by the project's
 * own language model. See USAGE.
 */
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { loadConfig } from '../config';
import { LOCALES, type Locale } from '../language/model';
import { createApplication, type Application } from '../app/application';
import { createLogger } from '../app/logger';
import { formatTurn, type FormatOptions } from './format';
import { loadDialog, replayDialog, type Dialog } from './script';
import { PLATFORMS, type Platform, type SimulatorSession } from './session';
import { createSimulator, defaultUserFor, sandboxCustomers, simulatorEnv } from './setup';

const USAGE = `usage: npm run simulate -- [options]

Type what a user would say; each line is matched to an intent with the language model
in interaction-models/language/<locale>.json and answered by the real skill, in-process.
Piped input is read one utterance per line, replies printed in order.

  --locale <locale>    ${LOCALES.join(', ')} (default en-US)
  --user <token>       a sandbox access token (fixtures/sandbox-bank.json), or "none" for a
                       user who has not linked an account (default: the first sandbox
                       customer of that locale, else none)
  --platform <name>    alexa or google (default alexa)
  --ssml               also show the SSML of speech and reprompt
  --script <file>      replay a dialog script (dialogs/<locale>/*.json) and exit 1 listing
                       every expected fact that is missing; --locale, --user and
                       --platform override the script's own
  --help               this text

Lines: "open saldo banking" / "abre banco saldo" (or /launch) opens the skill,
"ask saldo banking <request>" is a one-shot, /end ends the session, /quit leaves.

State: a fresh in-memory SQLite store each run, unless DATABASE_URL is set (then that
database is used, payments and PIN lockouts included). Request verification is off
(nothing crosses a network); logs at LOG_LEVEL (default warn) go to standard error.
With SALDO_CONFIG, the first configured bank answers.

Examples:
  npm run simulate -- --locale es-ES --user sandbox-token-ana
  echo "what's my checking balance" | npm run simulate
  npm run simulate -- --script dialogs/en-US/pay-bill.json`;

class UsageError extends Error {}

interface Options {
  readonly locale?: Locale;
  /** undefined: not given; null: "none". */
  readonly user?: string | null;
  readonly platform?: Platform;
  readonly ssml: boolean;
  readonly script?: string;
  readonly help: boolean;
}

function parseOptions(argv: readonly string[]): Options {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        locale: { type: 'string' },
        user: { type: 'string' },
        platform: { type: 'string' },
        ssml: { type: 'boolean', default: false },
        script: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { locale, user, platform } = values;
  if (locale !== undefined && !(LOCALES as readonly string[]).includes(locale)) {
    throw new UsageError(`unknown locale ${locale}: use one of ${LOCALES.join(', ')}`);
  }
  if (platform !== undefined && !(PLATFORMS as readonly string[]).includes(platform)) {
    throw new UsageError(`unknown platform ${platform}: use alexa or google`);
  }
  return {
    locale: locale as Locale | undefined,
    user: user === undefined ? undefined : user === '' || user.toLowerCase() === 'none' ? null : user,
    platform: platform as Platform | undefined,
    ssml: values.ssml === true,
    script: values.script,
    help: values.help === true,
  };
}

function print(lines: readonly string[]): void {
  process.stdout.write(lines.map((line) => `${line}\n`).join(''));
}

/** The utterances of piped input: one per line; blank lines and # comments skipped. */
async function readLines(): Promise<string[]> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
}

async function turn(session: SimulatorSession, line: string, format: FormatOptions, echo: boolean): Promise<void> {
  try {
    const result = await session.say(line);
    print([...(echo ? [`you> ${line}`] : []), ...formatTurn(result, format)]);
  } catch (error) {
    // A broken turn is reported and the console goes on: that is what it is for.
    print([...(echo ? [`you> ${line}`] : []), `  error: ${error instanceof Error ? error.message : String(error)}`]);
  }
}

async function interactive(session: SimulatorSession, format: FormatOptions): Promise<void> {
  const rl = createInterface({ input: process.stdin, output: process.stdout, prompt: 'you> ' });
  rl.prompt();
  for await (const raw of rl) {
    const line = raw.trim();
    if (line === '/quit' || line === '/exit') break;
    if (line === '/help') print([USAGE]);
    else if (line) await turn(session, line, format, false);
    rl.prompt();
  }
  rl.close();
}

async function runScript(
  session: SimulatorSession,
  dialog: Dialog,
  file: string,
  format: FormatOptions,
): Promise<number> {
  const report = await replayDialog(dialog, session, ({ index, turn: line, result, failures }) => {
    print([
      `you> ${line.say}${line.note ? `    # ${line.note}` : ''}`,
      ...formatTurn(result, format),
      ...failures.map((failure) => `  ✗ turn ${index}: ${failure}`),
    ]);
  });
  if (report.failures.length === 0) {
    const count = report.turns.length;
    print([`✓ ${file}: ${count} turn${count === 1 ? '' : 's'}, every expected fact was said`]);
    return 0;
  }
  print([`✗ ${file}: ${report.failures.length} failure(s)`, ...report.failures.map((failure) => `  - ${failure}`)]);
  return 1;
}

async function main(argv: readonly string[]): Promise<number> {
  const options = parseOptions(argv);
  if (options.help) {
    print([USAGE]);
    return 0;
  }
  const dialog = options.script ? loadDialog(options.script) : undefined;
  const locale: Locale = options.locale ?? dialog?.locale ?? 'en-US';
  const platform: Platform = options.platform ?? (dialog?.platform as Platform | undefined) ?? 'alexa';

  const env = simulatorEnv(process.env);
  // Validated first, so a bad variable is reported as such; logs go to standard error,
  // so piped replies stay clean.
  const log = createLogger(loadConfig(env).logLevel, pino.destination({ dest: 2, sync: true }));
  const application: Application = await createApplication(env, { log });
  try {
    const customers = sandboxCustomers(application);
    const chosen = options.user !== undefined ? options.user : dialog ? dialog.user : defaultUserFor(customers, locale);
    const token = chosen ?? undefined;
    const { session, matcher, customer } = createSimulator(application, { locale, token, platform });
    const format: FormatOptions = { platform, ssml: options.ssml };
    const who = token
      ? `${token}${customer ? ` (${customer.name}, ${customer.locale})` : ' (not a sandbox customer)'}`
      : 'no linked account';

    if (dialog && options.script) {
      print([
        `dialog ${options.script}: ${locale}, ${platform}, ${who}${dialog.description ? ` — ${dialog.description}` : ''}`,
      ]);
      return await runScript(session, dialog, options.script, format);
    }
    if (process.stdin.isTTY) {
      print([
        `Saldo simulator: ${locale} on ${platform}, ${who}. Say "${matcher.model.invocationName}" to open it, or ask something; /end ends the session, /quit leaves.`,
      ]);
      await interactive(session, format);
    } else {
      for (const line of await readLines()) await turn(session, line, format, true);
    }
    return 0;
  } finally {
    await application.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n\n${USAGE}\n`);
      process.exitCode = 2;
      return;
    }
    process.stderr.write(`simulate: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
