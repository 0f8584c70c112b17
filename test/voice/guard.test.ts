import fc from 'fast-check';
import {
  guardFields,
  prepareIdentifiers,
  redactIdentifiers,
  withIdentifier,
  type SecurityEvent,
} from '../../src/voice/guard';
import { referenceRedact } from '../support/reference-guard';
import { expectWellFormedSsml } from '../support/ssml';

describe('redactIdentifiers', () => {
  const identifiers = prepareIdentifiers(['000123454217', 'ES91 2100 0418 4502 0005 1332', '2468']);

  it('redacts an identifier written plainly, grouped, or split by SSML tags', () => {
    expect(redactIdentifiers('account 000123454217 ok', identifiers).text).toBe('account [redacted] ok');
    expect(redactIdentifiers('iban ES91-2100-0418-4502-0005-1332.', identifiers).text).toBe('iban [redacted].');
    const ssml = '<speak>x <say-as interpret-as="digits">000123</say-as>454217 y</speak>';
    const out = redactIdentifiers(ssml, identifiers).text;
    expect(out).not.toMatch(/000123|454217/);
    expectWellFormedSsml(out);
  });

  it('treats a short all-digit secret (a PIN) as a whole number, not part of an amount', () => {
    expect(redactIdentifiers('You have $2,468.00', identifiers).redacted).toEqual([]);
    expect(redactIdentifiers('your pin is 2468.', identifiers).text).toBe('your pin is [redacted].');
  });

  it('reports each redaction without the identifier itself', () => {
    const events: SecurityEvent[] = [];
    const out = guardFields({ speech: 'number 000123454217' }, identifiers, (e) => events.push(e));
    expect(out.speech).toBe('number [redacted]');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ kind: 'identifier-redacted', field: 'speech' });
    expect(JSON.stringify(events)).not.toContain('000123454217');
  });

  it('never lets a known identifier through, and keeps SSML well formed', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[0-9]{8,18}$/),
        fc.string({ maxLength: 30 }).map((s) => s.replace(/[<>&"']/g, ' ')),
        fc.string({ maxLength: 30 }).map((s) => s.replace(/[<>&"']/g, ' ')),
        (identifier, before, after) => {
          const ssml = `<speak>${before}<say-as interpret-as="digits">${identifier}</say-as>${after}</speak>`;
          const out = redactIdentifiers(ssml, prepareIdentifiers([identifier])).text;
          expect(out.replace(/<[^>]*>/g, '').replace(/[^0-9]/g, '')).not.toContain(identifier);
          expectWellFormedSsml(out);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('a PIN among amounts', () => {
  const pin = prepareIdentifiers(['2468']);
  it.each([
    ['You paid $24.68.', 'You paid $24.68.'],
    ['You have $2,468.00', 'You have $2,468.00'],
    ['12468 points', '12468 points'],
    ['2468.5 miles', '2468.5 miles'],
    ['pin 2468', 'pin [redacted]'],
    ['pin 2 4 6 8.', 'pin [redacted].'],
    ['pin 2-4-6-8?', 'pin [redacted]?'],
    ['<say-as interpret-as="digits">2468</say-as>', '<say-as interpret-as="digits">[redacted]</say-as>'],
  ])('%s → %s', (text, expected) => {
    expect(redactIdentifiers(text, pin).text).toBe(expected);
  });
});

describe('XML entities', () => {
  const token = prepareIdentifiers(['sandbox-token-john']);

  it('never redacts from inside an entity: "&apos;andbox token john" is not the token, and stays valid SSML', () => {
    const ssml = '<speak>I couldn&apos;t find &apos;andbox token john among your payees.</speak>';
    const out = redactIdentifiers(ssml, token);
    expect(out.redacted).toEqual([]);
    expect(out.text).toBe(ssml);
    expectWellFormedSsml(out.text);
  });

  it('redacts a whole identifier next to an entity and keeps the entity', () => {
    const ssml = '<speak>&quot;sandbox token john&quot; &amp; more</speak>';
    const out = redactIdentifiers(ssml, token).text;
    expect(out).toBe('<speak>&quot;[redacted]&quot; &amp; more</speak>');
    expectWellFormedSsml(out);
  });

  it('keeps any escaped text valid SSML whatever it is redacted for', () => {
    const escape = (s: string) =>
      s
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/"/g, '&quot;')
        .replace(/'/g, '&apos;');
    fc.assert(
      fc.property(
        fc.constantFrom("'", '"', '&', '<', '>'),
        fc.stringMatching(/^[a-z]{1,4}$/),
        fc.stringMatching(/^[a-z]{3,8}$/),
        fc.string({ maxLength: 30 }),
        (special, entityTail, word, rest) => {
          // An identifier that spans the end of an entity's name and the word after it.
          const identifier = `${entityTail}${word}`;
          const out = redactIdentifiers(
            `<speak>${escape(`${special}${word} ${rest}`)}</speak>`,
            prepareIdentifiers([identifier]),
          ).text;
          expectWellFormedSsml(out);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('plain text', () => {
  it('scans every character of plain text: "<" and "&" there are not markup', () => {
    const token = prepareIdentifiers(['sandbox-token-john', '2468']);
    expect(redactIdentifiers('a <b sandbox token john', token, false).text).toBe('a <b [redacted]');
    expect(redactIdentifiers('pin &#2468;', token, false).text).toBe('pin &#[redacted];');
  });
});

describe('the compiled scanner', () => {
  it('finds exactly what a search of the text’s letters and digits finds, in the same order', () => {
    // Texts made of identifier pieces, separators, tags and entities, so that hits,
    // near-misses, overlaps and identifiers split across markup are all common.
    const piece = (identifiers: readonly string[]) =>
      fc.oneof(
        fc.constantFrom(...identifiers),
        fc.constantFrom(...identifiers).map((id) => id.slice(0, Math.ceil(id.length / 2))),
        fc.constantFrom(...identifiers).map((id) => id.slice(Math.floor(id.length / 2)).toLowerCase()),
        fc.constantFrom(
          ' ',
          '-',
          '.',
          ',',
          '$',
          '<say-as interpret-as="digits">',
          '</say-as>',
          '&apos;',
          '&#39;',
          '&',
          '<',
          '>',
        ),
        fc.stringMatching(/^[0-9a-zA-Z]{1,3}$/),
      );
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.oneof(fc.stringMatching(/^[0-9]{4,12}$/), fc.stringMatching(/^[0-9A-Z]{4,10}$/)), {
          minLength: 1,
          maxLength: 4,
        }),
        fc.boolean(),
        fc.context(),
        (identifiers, markup, ctx) => {
          const prepared = prepareIdentifiers(identifiers);
          fc.assert(
            fc.property(fc.array(piece(prepared.list), { maxLength: 12 }), (pieces) => {
              const text = pieces.join('');
              ctx.log(text);
              expect(redactIdentifiers(text, prepared, markup)).toEqual(referenceRedact(text, prepared.list, markup));
            }),
            { numRuns: 20 },
          );
        },
      ),
      { numRuns: 100 },
    );
  });

  it('adds a PIN to a customer’s identifiers without losing any of them', () => {
    const known = withIdentifier(prepareIdentifiers(['000123454217', 'sandbox-token-john']), '2468');
    expect(known.list).toEqual(['SANDBOXTOKENJOHN', '000123454217', '2468']);
    const out = redactIdentifiers('pin 2468, account 000123454217, sandbox token john', known);
    expect(out.text).toBe('pin [redacted], account [redacted], [redacted]');
    expect(out.redacted).toEqual(['SANDBOXTOKENJOHN', '000123454217', '2468']);
  });
});
