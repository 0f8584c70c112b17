/**
 * Which bank a request is for: by Alexa skill id, or by the Google project a request's
 * JWT is addressed to. An id no bank claims is refused. Only with a single bank that
 * claims no ids (local development) does every request go to it.
 */
import type { BankRuntime } from './application';

function route(
  banks: readonly BankRuntime[],
  id: string | undefined,
  idsOf: (bank: BankRuntime) => readonly string[],
): BankRuntime | undefined {
  const claimed = id === undefined ? undefined : banks.find((bank) => idsOf(bank).includes(id));
  if (claimed) return claimed;
  const nobodyClaims = banks.every((bank) => idsOf(bank).length === 0);
  return nobodyClaims && banks.length === 1 ? banks[0] : undefined;
}

export function bankForSkill(banks: readonly BankRuntime[], skillId: string): BankRuntime | undefined {
  return route(banks, skillId, (bank) => bank.alexaSkillIds);
}

export function bankForProject(banks: readonly BankRuntime[], projectId: string | undefined): BankRuntime | undefined {
  return route(banks, projectId, (bank) => bank.googleProjectIds);
}

/**
 * The audience a Google request's JWT names, read without verifying: it only picks whose
 * verifier checks the token next (and that verifier insists on the same audience).
 */
export function audienceOf(jwt: string | undefined): string | undefined {
  const payload = jwt?.split('.')[1];
  if (!payload) return undefined;
  try {
    const aud = (JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { aud?: unknown }).aud;
    return typeof aud === 'string' ? aud : undefined;
  } catch {
    return undefined;
  }
}
