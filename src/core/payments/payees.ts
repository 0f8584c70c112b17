/**
 * Which saved payee the customer means: the slot's resolution id when it is one of
 * theirs (a dynamic entity, already turned into the bank's id by core/entities.ts), else
 * the spoken words against names and aliases, tolerant of the small errors speech
 * recognition makes ("city powers", "veri zon") and of the words around a payee that are
 * not its name ("my electric bill", "el recibo de la luz", "mary fifty dollars").
 */
import { distance } from 'fastest-levenshtein';
import type { Payee } from '../../bank/connector';
import { normaliseSpoken } from '../vocabulary';
import type { SlotValue } from '../../shared/slots';

export type PayeeChoice =
  | { readonly kind: 'found'; readonly payee: Payee }
  | { readonly kind: 'ambiguous'; readonly options: readonly Payee[] }
  | { readonly kind: 'none'; readonly spoken: string }
  | { readonly kind: 'unspecified' };

const MATCH_THRESHOLD = 0.75;
/** A best match this far ahead of the next is taken without asking. */
const CLEAR_LEAD = 0.1;

const FILLER = /^(?:(?:the|my|our|el|la|los|las|mi|mis|a|al|le)\s+)+/;
/** "recibo de la luz" → "luz", "factura del teléfono" → "teléfono". */
const BILL_BEFORE = /^(?:(?:el|la)\s+)?(?:recibo|factura|cuenta)\s+(?:de\s+(?:(?:el|la|los|las|mi|mis)\s+)?|del\s+)/;
/** "power bill" → "power", "phone payment" → "phone". */
const BILL_AFTER = /\s+(?:bill|bills|payment)$/;
/** Where an amount starts: nothing from there on is part of a name. */
const AMOUNT = /\s(?:\d[\d.,]*|dollars?|bucks|pounds?|quid|euros?|pavos|dolares|libras)(?:\s.*)?$/;

/** The part of a phrase that can name a payee: no articles, no "bill", no amount. */
function nameOf(phrase: string): string {
  const words = normaliseSpoken(phrase).replace(AMOUNT, '');
  const trimmed = words.replace(FILLER, '').replace(BILL_BEFORE, '').replace(FILLER, '').replace(BILL_AFTER, '');
  return trimmed || words;
}

function similarity(spoken: string, name: string): number {
  if (spoken === name) return 1;
  const compactSpoken = spoken.replace(/\s/g, '');
  const compactName = name.replace(/\s/g, '');
  if (compactSpoken === compactName) return 0.98;
  // "city" for "City Power": a whole-word part of the name is a strong but ambiguous hint.
  if (spoken.length >= 3 && (` ${name} `.includes(` ${spoken} `) || ` ${spoken} `.includes(` ${name} `))) return 0.9;
  const longest = Math.max(compactSpoken.length, compactName.length);
  return longest === 0 ? 0 : 1 - distance(compactSpoken, compactName) / longest;
}

function score(payee: Payee, spoken: string): number {
  return Math.max(...[payee.name, ...payee.aliases].map((n) => similarity(spoken, nameOf(n))));
}

export function matchPayee(payees: readonly Payee[], slot: SlotValue | undefined): PayeeChoice {
  const byId = slot?.resolvedId ? payees.find((p) => p.id === slot.resolvedId) : undefined;
  if (byId) return { kind: 'found', payee: byId };
  const spoken = slot?.spoken ? nameOf(slot.spoken) : '';
  if (!spoken) return slot?.spoken ? { kind: 'none', spoken: slot.spoken } : { kind: 'unspecified' };
  const ranked = payees
    .map((payee) => ({ payee, score: score(payee, spoken) }))
    .filter((r) => r.score >= MATCH_THRESHOLD)
    .sort((a, b) => b.score - a.score);
  const [best, second] = ranked;
  if (!best) return { kind: 'none', spoken: slot?.spoken ?? '' };
  if (!second || best.score - second.score >= CLEAR_LEAD) return { kind: 'found', payee: best.payee };
  return { kind: 'ambiguous', options: ranked.filter((r) => best.score - r.score < CLEAR_LEAD).map((r) => r.payee) };
}
