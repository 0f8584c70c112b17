/** The simulator's matcher as an evaluation matcher: the same matching the console does. */
import type { LanguageModel } from '../language/model';
import type { SlotValue } from '../shared/slots';
import type { EvaluationCustomer, Understand } from './evaluation';
import { createMatcher } from './nlu';

export function simulatorUnderstanding(model: LanguageModel, customer: EvaluationCustomer, today: string): Understand {
  const matcher = createMatcher(model, { today: () => today });
  return (utterance) => {
    const match = matcher.match(utterance, { entities: customer.entities });
    const slots: Record<string, SlotValue> = {};
    for (const slot of match.slots) slots[slot.name] = { spoken: slot.value, resolvedId: slot.resolvedId };
    return { intent: match.intent, slots };
  };
}
