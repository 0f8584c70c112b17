/** The environment `npm run bank:sandbox:bg` reads (README, "Configuration"). */
import * as z from 'zod';

export const berlinGroupSandboxEnvSchema = z.object({
  BANK_SANDBOX_BG_PORT: z.coerce.number().int().min(0).max(65535).default(3200),
  BANK_SANDBOX_BG_DATABASE_URL: z.string().min(1).default('sqlite:data/bank-sandbox-bg.db'),
  BANK_SANDBOX_BG_SCA: z.enum(['decoupled', 'exempted']).default('decoupled'),
  BANK_SANDBOX_BG_APPROVE: z.enum(['approve', 'deny', 'none']).default('approve'),
  BANK_SANDBOX_BG_APPROVE_AFTER_MS: z.coerce.number().int().min(0).max(600_000).default(5000),
  SALDO_FIXTURE: z.string().min(1).optional(),
  BANK_SANDBOX_FAULTS: z.enum(['true', 'false']).optional(),
  LOG_LEVEL: z.string().min(1).default('info'),
});
