/** How a simulated turn is printed: compact, one fact per line, indented under "you>". */
import { isBuiltInSlotKind } from '../language/model';
import type { IntentScore, SlotMatch } from './nlu';
import type { Platform, TurnResult } from './session';

export interface FormatOptions {
  readonly platform: Platform;
  /** Also print the SSML of the speech and reprompt. */
  readonly ssml: boolean;
}

const INDENT = '  ';

function slotText(slot: SlotMatch, custom: boolean): string {
  // A PIN is not printed back, even to the developer who typed it (screens get shared).
  if (slot.name === 'pin') return `pin=${'•'.repeat(slot.value.length)}`;
  const said = `${slot.name}=${JSON.stringify(slot.spoken)}`;
  // A customer's own entity has an opaque id: its name says more.
  if (custom && slot.resolvedBy === 'dynamic') return `${said} → ${slot.resolvedName ?? slot.resolvedId} (dynamic)`;
  if (custom) return slot.resolvedId ? `${said} → ${slot.resolvedId}` : `${said} (no match in ${slot.type})`;
  return slot.value !== slot.spoken ? `${said} → ${slot.value}` : said;
}

function closestText(closest: readonly IntentScore[]): string {
  return closest.length === 0
    ? 'nothing close'
    : closest.map((entry) => `${entry.intent} ${entry.score.toFixed(2)}`).join(', ');
}

/** The lines for one turn (without the "you>" line). */
export function formatTurn(result: TurnResult, options: FormatOptions): string[] {
  const lines: string[] = [];
  const match = result.match;
  if (result.request === 'launch') {
    lines.push(`request: ${result.platformIntent}`);
  } else if (result.request === 'end') {
    lines.push(`request: ${result.platformIntent}`);
  } else if (match) {
    if (!match.matched) lines.push(`no sample matched; closest: ${closestText(match.closest)}`);
    const slots = result.slots.map((slot) => slotText(slot, !isBuiltInSlotKind(slot.type)));
    const how = result.filledSlot
      ? ' (answer to the slot being elicited)'
      : result.oneShot
        ? ' (one-shot, new session)'
        : '';
    const label = options.platform === 'alexa' ? 'intent' : 'handler';
    lines.push(
      `${label}: ${result.platformIntent} (${match.score.toFixed(2)})${how}${slots.length ? `  slots: ${slots.join(', ')}` : ''}`,
    );
  }
  if (result.speech || result.request !== 'end') lines.push(`${options.platform}: ${result.speech || '(silence)'}`);
  if (result.displayText && result.displayText !== result.speech) lines.push(`text: ${result.displayText}`);
  if (options.ssml && result.ssml) lines.push(`ssml: ${result.ssml}`);
  if (result.reprompt) lines.push(`reprompt: ${result.reprompt}`);
  if (options.ssml && result.repromptSsml) lines.push(`reprompt ssml: ${result.repromptSsml}`);
  if (result.linkAccount)
    lines.push(options.platform === 'alexa' ? 'card: LinkAccount (account linking card)' : 'scene: AccountLinking');
  if (result.card) lines.push(`card: ${result.card.title} — ${result.card.text.replace(/\n/g, ' / ')}`);
  if (result.suggestions.length) lines.push(`suggestions: ${result.suggestions.join(' | ')}`);
  if (result.elicitSlot) lines.push(`elicit: ${result.elicitSlot}`);
  lines.push(result.ended ? 'session: ended' : `session: ${JSON.stringify(result.session)}`);
  return lines.map((line) => INDENT + line);
}
