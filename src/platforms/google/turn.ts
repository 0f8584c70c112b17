/** An Actions Builder webhook request as the core's Turn. */
import { parseSessionState } from '../../shared/session';
import { INTENT_NAMES, type IntentName, type Turn } from '../../core/turn';
import type { WebhookRequest } from './webhook';
import { SLOT_NAMES, type SlotName, type SlotValue } from '../../shared/slots';

/** Handler names are the core's intent names (DESIGN.md); anything else is Unknown. */
export function intentOfHandler(name: string): IntentName {
  return name !== 'SessionEnded' && (INTENT_NAMES as readonly string[]).includes(name)
    ? (name as IntentName)
    : 'Unknown';
}

/** Google's resolved date is {year, month, day}; the core reads ISO dates, like AMAZON.DATE. */
function isoDate(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { year, month, day } = value as { year?: unknown; month?: unknown; day?: unknown };
  if (typeof year !== 'number' || typeof month !== 'number') return undefined;
  const pad = (n: number) => String(n).padStart(2, '0');
  return typeof day === 'number' && day > 0 ? `${year}-${pad(month)}-${pad(day)}` : `${year}-${pad(month)}`;
}

function slotValue(name: SlotName, param: { original?: unknown; resolved?: unknown }): SlotValue | undefined {
  const { original, resolved } = param;
  const originalText = typeof original === 'string' && original.trim() ? original : undefined;
  if (typeof resolved === 'number' && Number.isFinite(resolved)) {
    // A spoken PIN "0427" resolves to the number 427: the digits are what count.
    const digits =
      name === 'pin' && Number.isInteger(resolved) && resolved >= 0 && resolved < 10_000
        ? String(resolved).padStart(4, '0')
        : String(resolved);
    return { spoken: digits };
  }
  // The PIN's type resolves to its digits, whatever words were said.
  if (typeof resolved === 'string' && resolved)
    return name === 'pin' ? { spoken: resolved } : { spoken: originalText ?? resolved, resolvedId: resolved };
  const date = isoDate(resolved);
  if (date) return { spoken: date };
  return originalText ? { spoken: originalText } : undefined;
}

function slotsOf(request: WebhookRequest): Partial<Record<SlotName, SlotValue>> {
  const slots: Partial<Record<SlotName, SlotValue>> = {};
  const params = request.intent?.params ?? {};
  for (const name of SLOT_NAMES) {
    const param = params[name];
    const value = param && slotValue(name, param);
    if (value) slots[name] = value;
  }
  return slots;
}

/** Core state sits under one key; `started` tells a first turn from a later one. */
export interface GoogleSessionParams {
  readonly saldo?: unknown;
  readonly started?: boolean;
}

export function toTurn(request: WebhookRequest, authorizationBearer?: string): Turn {
  const sessionParams = (request.session.params ?? {}) as GoogleSessionParams;
  const userToken = request.user?.params?.bearerToken;
  const verification = (request.user as { verificationStatus?: unknown } | undefined)?.verificationStatus;
  return {
    platform: 'google',
    requestId: request.session.id,
    locale: request.user?.locale || request.session.languageCode || 'en-US',
    accessToken: typeof userToken === 'string' && userToken ? userToken : authorizationBearer,
    // Only a status Google states: older requests and the simulator's carry none.
    guest: typeof verification === 'string' && verification !== 'VERIFIED',
    intent: intentOfHandler(request.handler.name),
    slots: slotsOf(request),
    session: parseSessionState(sessionParams.saldo),
    newSession: sessionParams.started !== true,
  };
}
