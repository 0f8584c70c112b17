/** The environment `npm run bank:sandbox` reads (README, "Configuration"). */
import * as z from 'zod';

export const sandboxEnvSchema = z.object({
  BANK_SANDBOX_PORT: z.coerce.number().int().min(0).max(65535).default(3100),
  BANK_SANDBOX_DATABASE_URL: z.string().min(1).default('sqlite:data/bank-sandbox.db'),
  SALDO_FIXTURE: z.string().min(1).optional(),
  BANK_SANDBOX_FAULTS: z.enum(['true', 'false']).optional(),
  LOG_LEVEL: z.string().min(1).default('info'),
});
