/**
 * All configuration, validated once at start: the environment, plus an optional file
 * (SALDO_CONFIG, JSON or YAML) listing the banks that enable Saldo.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as z from 'zod';
import { isValidTimeZone } from './dates';
import { describeIssues } from './shared/schema-issue';

/** true/false, 1/0, yes/no, in any case (`TRUE`, `False`). */
const booleanFlag = z
  .string()
  .transform((value) => value.toLowerCase())
  .pipe(z.enum(['true', 'false', '1', '0', 'yes', 'no']))
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

export const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATABASE_URL: z
    .string()
    .regex(/^(sqlite:|postgres(ql)?:\/\/)/, 'must start with sqlite: or postgres://')
    .default('sqlite:data/saldo.db'),
  SALDO_VERIFY_REQUESTS: booleanFlag.default(true),
  ALEXA_SKILL_ID: z.string().min(1).optional(),
  GOOGLE_PROJECT_ID: z.string().min(1).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SALDO_BODY_LIMIT: z
    .string()
    .regex(/^\d+(b|kb|mb)$/i)
    .default('256kb'),
  SALDO_FIXTURE: z.string().min(1).optional(),
  SALDO_PAYMENT_LIMIT: z
    .string()
    .regex(/^\d{1,12}(\.\d{1,4})?$/, 'a decimal amount like 1000.00')
    .default('1000.00'),
  SALDO_DAILY_LIMIT: z
    .string()
    .regex(/^\d{1,12}(\.\d{1,4})?$/, 'a decimal amount like 2000.00')
    .default('2000.00'),
  SALDO_PIN_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(5).default(3),
  SALDO_PIN_CPU_SHARE: z.coerce.number().min(0.01).max(1).default(0.08),
  SALDO_CONFIG: z.string().min(1).optional(),
});

const decimal = z.string().regex(/^\d{1,12}(\.\d{1,4})?$/, 'a decimal amount like 1000.00');
const localeName = z.enum(['en-US', 'en-GB', 'es-ES', 'es-US']);

const sandboxConnector = z.strictObject({
  type: z.literal('sandbox'),
  /** The demo data; the bundled fixture when unset. */
  fixture: z.string().min(1).optional(),
});

const tlsFiles = z
  .strictObject({
    caFile: z.string().min(1).optional(),
    certFile: z.string().min(1).optional(),
    keyFile: z.string().min(1).optional(),
    rejectUnauthorized: z.boolean().default(true),
  })
  .optional();

const resilience = z
  .strictObject({
    callTimeoutMs: z.number().int().min(100).max(5000).default(2000),
    readAttempts: z.number().int().min(1).max(3).default(2),
    breakerFailures: z.number().int().min(1).max(50).default(5),
    breakerHalfOpenMs: z.number().int().min(1000).max(600_000).default(10_000),
  })
  .optional();

const openBankingConnector = z.strictObject({
  type: z.literal('openbanking'),
  baseUrl: z.url({ protocol: /^https?$/ }),
  financialId: z.string().min(1).max(40).optional(),
  /** Open Banking carries neither: the language and time zone the bank's customers use. */
  locale: localeName,
  timeZone: z.string().refine(isValidTimeZone, 'unknown time zone'),
  tls: tlsFiles,
  resilience,
  /** Development only: enrol the voice PINs of a sandbox fixture's customers for this bank. */
  enrolPinsFrom: z.string().min(1).optional(),
});

const iban = z.string().regex(/^[A-Z]{2}[0-9]{2}[A-Za-z0-9]{1,30}$/, 'an IBAN without spaces');

const berlinGroupConnector = z.strictObject({
  type: z.literal('berlingroup'),
  /** The API's base URL, up to (not including) /v1: a bank's own, or a hub's. */
  baseUrl: z.url({ protocol: /^https?$/ }),
  /** A hub's code for the bank (Redsys): the path segment after the base URL. */
  aspspCode: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,40}$/)
    .optional(),
  /** Berlin Group carries neither: the language and time zone the bank's customers use. */
  locale: localeName.default('es-ES'),
  timeZone: z.string().refine(isValidTimeZone, 'unknown time zone').default('Europe/Madrid'),
  /** How long an account-information consent lasts (the bank caps it; PSD2: 180 days). */
  consentValidityDays: z.number().int().min(1).max(180).default(90),
  /** Accesses per day and account without the customer present, as asked in the consent. */
  frequencyPerDay: z.number().int().min(1).max(100).default(4),
  /** decoupled: the bank asks the customer in its app; exempted: the bank exempts Saldo's payments. */
  sca: z.enum(['decoupled', 'exempted']).default('decoupled'),
  paymentProduct: z.enum(['sepa-credit-transfers', 'instant-sepa-credit-transfers']).default('sepa-credit-transfers'),
  /** PSU-IP-Address of a payment: voice has no customer address, so Saldo's own outgoing one. */
  tppIpAddress: z.ipv4(),
  /** The bank answers a repeated X-Request-ID with the first payment (agreed at onboarding). */
  requestIdReplay: z.boolean().default(false),
  /**
   * The bank reports standing orders (bookingStatus=information, optional in 1.3.11, agreed
   * at onboarding); otherwise Saldo says it does not share upcoming payments.
   */
  standingOrders: z.boolean().default(false),
  /** How long a turn waits for the customer's approval in the app before saying where it stands. */
  approvalWaitMs: z.number().int().min(0).max(4000).default(3000),
  pollIntervalMs: z.number().int().min(50).max(2000).default(500),
  /** Billers every customer of the bank can pay; customers enrol their own with `npm run payees`. */
  payees: z
    .array(
      z.strictObject({
        id: z.string().regex(/^[A-Za-z0-9-]{1,40}$/),
        name: z.string().min(1).max(70),
        iban,
        aliases: z.array(z.string().min(1)).default([]),
        kind: z.enum(['biller', 'person']).default('biller'),
      }),
    )
    .default([]),
  tls: tlsFiles,
  resilience,
  /** Development only: enrol the voice PINs of a sandbox fixture's customers for this bank. */
  enrolPinsFrom: z.string().min(1).optional(),
});

const bankConfigSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'lower-case letters, digits and dashes'),
  /** The bank's name as it is spoken, per locale. */
  names: z
    .partialRecord(localeName, z.string().min(1))
    .refine((names) => Object.keys(names).length > 0, 'at least one name'),
  alexaSkillIds: z.array(z.string().min(1)).default([]),
  googleProjectIds: z.array(z.string().min(1)).default([]),
  locales: z.array(localeName).min(1).default(['en-US', 'en-GB', 'es-ES', 'es-US']),
  connector: z.discriminatedUnion('type', [sandboxConnector, openBankingConnector, berlinGroupConnector]),
  limits: z.strictObject({ perPayment: decimal, perDay: decimal }).optional(),
  pin: z.strictObject({ maxAttempts: z.number().int().min(1).max(5) }).optional(),
  /** On a shared speaker, balances and transactions too are told only after the voice PIN. */
  privacyMode: z.boolean().default(false),
  /**
   * Payments (and, in privacy mode, reads) only for an Alexa voice profile enrolled with
   * the customer's PIN (`npm run pin -- set <customer> --person <personId>`).
   */
  requireRecognizedSpeaker: z.boolean().default(false),
  /** How customers reach the bank, per locale, completing "reset your PIN in the app, or …": "call 0800 123 456". */
  contact: z.partialRecord(localeName, z.string().min(1).max(120)).optional(),
});

const configFileSchema = z.strictObject({ banks: z.array(bankConfigSchema).min(1) }).superRefine((file, ctx) => {
  const seen = new Map<string, string>();
  const claim = (kind: string, value: string, bank: string) => {
    const key = `${kind}:${value}`;
    const owner = seen.get(key);
    if (owner)
      ctx.addIssue({
        code: 'custom',
        path: ['banks'],
        message: `${kind} ${value} is claimed by both ${owner} and ${bank}`,
      });
    seen.set(key, bank);
  };
  for (const bank of file.banks) {
    claim('bank id', bank.id, bank.id);
    bank.alexaSkillIds.forEach((id) => claim('Alexa skill id', id, bank.id));
    bank.googleProjectIds.forEach((id) => claim('Google project id', id, bank.id));
  }
});

export type BankConfig = z.infer<typeof bankConfigSchema>;
type ConfigFile = z.infer<typeof configFileSchema>;

export interface Config {
  readonly port: number;
  readonly databaseUrl: string;
  readonly verifyRequests: boolean;
  readonly alexaSkillId?: string;
  readonly googleProjectId?: string;
  readonly logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  readonly bodyLimit: string;
  /** The sandbox bank's data file; the bundled fixture when unset. */
  readonly sandboxFixture?: string;
  /** Voice payment limits, decimal strings in the account's currency. */
  readonly paymentLimit: string;
  readonly dailyLimit: string;
  /** Consecutive wrong PINs before voice payments lock (at most 5). */
  readonly pinMaxAttempts: number;
  /** The share of one core each PIN worker earns while the skill is busy answering (security/pin-workers). */
  readonly pinCpuShare: number;
  /** The banks of SALDO_CONFIG; undefined means one sandbox bank configured from the environment. */
  readonly banks?: readonly BankConfig[];
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const blankAsUnset = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  );
  const parsed = envSchema.safeParse(blankAsUnset);
  if (!parsed.success) {
    const problems = describeIssues(parsed.error.issues);
    throw new ConfigError(`invalid configuration: ${problems}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    databaseUrl: e.DATABASE_URL,
    verifyRequests: e.SALDO_VERIFY_REQUESTS,
    alexaSkillId: e.ALEXA_SKILL_ID,
    googleProjectId: e.GOOGLE_PROJECT_ID,
    logLevel: e.LOG_LEVEL,
    bodyLimit: e.SALDO_BODY_LIMIT,
    sandboxFixture: e.SALDO_FIXTURE,
    paymentLimit: e.SALDO_PAYMENT_LIMIT,
    dailyLimit: e.SALDO_DAILY_LIMIT,
    pinMaxAttempts: e.SALDO_PIN_MAX_ATTEMPTS,
    pinCpuShare: e.SALDO_PIN_CPU_SHARE,
    banks: e.SALDO_CONFIG ? loadConfigFile(e.SALDO_CONFIG, env).banks : undefined,
  };
}

/**
 * `${NAME}` and `${NAME:-default}` in a configuration file take the environment's value
 * (blank counts as unset, as for the variables above); an unset NAME without a default is an error.
 */
function substituteEnv(text: string, env: NodeJS.ProcessEnv): string {
  return text.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g, (_match, name: string, fallback?: string) => {
    const value = env[name];
    if (value !== undefined && value !== '') return value;
    if (fallback !== undefined) return fallback;
    throw new Error(`\${${name}} is not set and has no default (\${${name}:-default})`);
  });
}

/** Reads SALDO_CONFIG (JSON, or YAML for .yaml/.yml) and says exactly what is wrong with it. */
function loadConfigFile(file: string, env: NodeJS.ProcessEnv = {}): ConfigFile {
  let raw: unknown;
  try {
    const text = substituteEnv(readFileSync(file, 'utf8'), env);
    // The YAML parser is loaded only for a YAML file.
    // eslint-disable-next-line @typescript-eslint/no-require-imports, @typescript-eslint/consistent-type-imports -- a synchronous lazy load
    raw = /\.ya?ml$/i.test(file) ? (require('yaml') as typeof import('yaml')).parse(text) : JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`SALDO_CONFIG ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const parsed = configFileSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = describeIssues(parsed.error.issues, '(file)');
    throw new ConfigError(`SALDO_CONFIG ${path.basename(file)}: ${problems}`);
  }
  return parsed.data;
}
