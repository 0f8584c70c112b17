/** All configuration, from the environment, validated once at start. */
import { z } from 'zod';

const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATABASE_URL: z
    .string()
    .regex(/^(sqlite:|postgres(ql)?:\/\/)/, 'must start with sqlite: or postgres://')
    .default('sqlite:data/saldo.db'),
  SALDO_VERIFY_REQUESTS: booleanFlag.default(true),
  ALEXA_SKILL_ID: z.string().min(1).optional(),
  GOOGLE_PROJECT_ID: z.string().min(1).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SALDO_BODY_LIMIT: z.string().regex(/^\d+(b|kb|mb)$/i).default('256kb'),
  SALDO_FIXTURE: z.string().min(1).optional(),
  SALDO_PAYMENT_LIMIT: z.string().regex(/^\d{1,12}(\.\d{1,4})?$/, 'a decimal amount like 1000.00').default('1000.00'),
  SALDO_DAILY_LIMIT: z.string().regex(/^\d{1,12}(\.\d{1,4})?$/, 'a decimal amount like 2000.00').default('2000.00'),
  SALDO_PIN_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(5).default(3),
});

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
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const blankAsUnset = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = envSchema.safeParse(blankAsUnset);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
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
  };
}
