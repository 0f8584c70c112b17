/** Core turns for tests that talk to the conversation directly, without a platform. */
import type { SessionState } from '../../src/shared/session';
import type { IntentName, Turn } from '../../src/core/turn';
import type { SlotName } from '../../src/shared/slots';

export function turn(
  intent: IntentName,
  options: {
    token?: string;
    locale?: string;
    slots?: Partial<Record<SlotName, string>>;
    session?: SessionState;
    newSession?: boolean;
  } = {},
): Turn {
  return {
    platform: 'alexa',
    requestId: `test-${intent}`,
    locale: options.locale ?? 'en-US',
    accessToken: options.token ?? 'sandbox-token-john',
    intent,
    slots: Object.fromEntries(Object.entries(options.slots ?? {}).map(([name, spoken]) => [name, { spoken }])),
    session: options.session ?? {},
    newSession: options.newSession ?? false,
  };
}
