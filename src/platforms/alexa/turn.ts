/** An Alexa request envelope as the core's Turn. */
import type { IntentRequest, RequestEnvelope, Slot } from 'ask-sdk-model';
import { parseSessionState } from '../../shared/session';
import { type IntentName, type Turn } from '../../core/turn';
import { SLOT_NAMES, type SlotName, type SlotValue } from '../../shared/slots';

const INTENTS: Readonly<Record<string, IntentName>> = {
  GetBalanceIntent: 'GetBalance',
  GetTransactionsIntent: 'GetTransactions',
  GetSpendingIntent: 'GetSpending',
  CompareSpendingIntent: 'CompareSpending',
  GetCardInfoIntent: 'GetCardInfo',
  GetUpcomingBillsIntent: 'GetUpcomingBills',
  PayBillIntent: 'PayBill',
  TransferMoneyIntent: 'TransferMoney',
  ProvidePinIntent: 'ProvidePin',
  'AMAZON.YesIntent': 'Yes',
  'AMAZON.NoIntent': 'No',
  'AMAZON.HelpIntent': 'Help',
  'AMAZON.CancelIntent': 'Cancel',
  'AMAZON.StopIntent': 'Cancel',
  'AMAZON.FallbackIntent': 'Fallback',
  'AMAZON.RepeatIntent': 'Repeat',
  'AMAZON.NextIntent': 'More',
  'AMAZON.NavigateHomeIntent': 'Launch',
};

export function intentOf(envelope: RequestEnvelope): IntentName {
  const request = envelope.request;
  switch (request.type) {
    case 'LaunchRequest':
      return 'Launch';
    case 'IntentRequest':
      // Own entries only: an intent named "constructor" is not Object's.
      return Object.hasOwn(INTENTS, request.intent.name) ? (INTENTS[request.intent.name] as IntentName) : 'Unknown';
    case 'SessionEndedRequest':
      return 'SessionEnded';
    default:
      // Other request types (e.g. System.ExceptionEncountered) need no spoken answer.
      return 'SessionEnded';
  }
}

/** Entity resolution's authority for dynamic entities: amzn1.er-authority.echo-sdk.dynamic.<skill id>.<type>. */
const DYNAMIC_AUTHORITY = 'amzn1.er-authority.echo-sdk.dynamic.';

function slotValue(slot: Slot): SlotValue | undefined {
  // Alexa sends "?" for a number it could not recognise.
  const spoken = slot.value && slot.value !== '?' ? slot.value : undefined;
  // The customer's own entities (Dialog.UpdateDynamicEntities) before the model's static values.
  const matches = (slot.resolutions?.resolutionsPerAuthority ?? []).filter(
    (r) => r.status?.code === 'ER_SUCCESS_MATCH',
  );
  const match = matches.find((r) => r.authority?.startsWith(DYNAMIC_AUTHORITY)) ?? matches[0];
  const resolvedId = match?.values?.[0]?.value?.id;
  if (spoken === undefined && resolvedId === undefined) return undefined;
  return { spoken, resolvedId };
}

function slotsOf(request: IntentRequest): Partial<Record<SlotName, SlotValue>> {
  const slots: Partial<Record<SlotName, SlotValue>> = {};
  for (const name of SLOT_NAMES) {
    const slot = request.intent.slots?.[name];
    const value = slot && slotValue(slot);
    if (value) slots[name] = value;
  }
  return slots;
}

export function toTurn(envelope: RequestEnvelope): Turn {
  const request = envelope.request;
  return {
    platform: 'alexa',
    requestId: request.requestId,
    locale: request.locale ?? 'en-US',
    accessToken: envelope.context?.System?.user?.accessToken ?? envelope.session?.user?.accessToken ?? undefined,
    personId: envelope.context?.System?.person?.personId || undefined,
    intent: intentOf(envelope),
    slots: request.type === 'IntentRequest' ? slotsOf(request) : {},
    session: parseSessionState(envelope.session?.attributes),
    newSession: envelope.session?.new ?? true,
  };
}
