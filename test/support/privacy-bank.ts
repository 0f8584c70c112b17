/** One bank in privacy mode on the sandbox connector, as a SALDO_CONFIG file: what every privacy-mode test starts from. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** The bank's id: the audit log and the store key their rows by it. */
export const PRIVACY_BANK_ID = 'careful';

/** Writes the configuration to a fresh temporary directory and returns the file's path. */
export function privacyModeConfig(): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'saldo-privacy-')), 'banks.json');
  writeFileSync(
    file,
    JSON.stringify({
      banks: [
        {
          id: PRIVACY_BANK_ID,
          names: { 'en-US': 'Careful Bank', 'es-ES': 'Banco Prudente' },
          connector: { type: 'sandbox' },
          privacyMode: true,
        },
      ],
    }),
  );
  return file;
}
