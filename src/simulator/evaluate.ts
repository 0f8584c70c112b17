/**
 * `npm run eval:language`: the evaluation sets (evaluation/language/<locale>.json) through
 * the simulator's matcher and through virtual-alexa, per locale: intent accuracy, exact slot
 * accuracy, per intent, and every confusion. `--table` prints only the summary table (for
 * the README); `--simulator` skips virtual-alexa. Exits 1 when the simulator misses the
 * targets (95 % intents, 90 % exact slots, in every locale).
 */
import { parseCommandLine } from '../cli';
import { alexaModel } from '../language/alexa';
import { loadModel, LOCALES } from '../language/model';
import {
  evaluate,
  evaluationCustomer,
  formatReport,
  loadEvaluation,
  summaryTable,
  type LocaleReport,
} from './evaluation';
import { simulatorUnderstanding } from './evaluation-matchers';

export const TARGETS = { intent: 0.95, slots: 0.9 } as const;

const HELP = `usage: npm run eval:language -- [--table] [--simulator]

Runs evaluation/language/<locale>.json through the simulator's matcher and virtual-alexa:
intent and exact-slot accuracy per locale and intent, and every confusion. Exits 1 when
the simulator misses 95 % intents or 90 % exact slots in any locale.

  --table        only the summary table (for the README)
  --simulator    the simulator's matcher only (skips virtual-alexa)
  --help, -h     this text`;

async function main(): Promise<void> {
  const { values } = parseCommandLine({
    name: 'eval:language',
    help: HELP,
    options: { table: { type: 'boolean', default: false }, simulator: { type: 'boolean', default: false } },
  });
  // virtual-alexa loads the AWS SDK v2, which prints an end-of-support notice on load.
  process.env.AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE = '1';
  const { virtualAlexaMatcher } = await import('./virtual-alexa');
  const reports: LocaleReport[] = [];
  for (const locale of LOCALES) {
    const evaluation = loadEvaluation(locale);
    const model = loadModel(locale);
    const customer = evaluationCustomer(evaluation.customer);
    reports.push(
      await evaluate(evaluation, customer, 'simulator', simulatorUnderstanding(model, customer, evaluation.today)),
    );
    if (!values.simulator) {
      const matcher = virtualAlexaMatcher(alexaModel(model), model, evaluation.today, customer.entities);
      reports.push(await evaluate(evaluation, customer, 'virtual-alexa', matcher));
    }
  }
  const lines = values.table ? summaryTable(reports) : [...reports.flatMap(formatReport), '', ...summaryTable(reports)];
  process.stdout.write(`${lines.join('\n')}\n`);
  const missed = reports.filter(
    (report) =>
      report.matcher === 'simulator' && (report.intentAccuracy < TARGETS.intent || report.slotAccuracy < TARGETS.slots),
  );
  if (missed.length > 0) {
    process.stderr.write(
      `below target (intent ≥ 95 %, exact slots ≥ 90 %): ${missed.map((r) => r.locale).join(', ')}\n`,
    );
    process.exitCode = 1;
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
