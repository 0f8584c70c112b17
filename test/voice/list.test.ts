/** Spoken lists as each locale says them (Intl.ListFormat), SSML of each item kept. */
import { digits, list, plain } from '../../src/voice/spoken';

const words = (...items: string[]) => items.map((item) => plain(item));

describe('list', () => {
  it.each([
    ['es-ES', 'and', ['Iberdrola', 'Inés'], 'Iberdrola e Inés'],
    ['es-US', 'and', ['Iberdrola', 'Hilario'], 'Iberdrola e Hilario'],
    ['es-ES', 'and', ['agua', 'hielo'], 'agua y hielo'],
    ['es-ES', 'or', ['uno', 'otro'], 'uno u otro'],
    ['es-US', 'or', ['la corriente', 'la de ahorros', 'la tarjeta'], 'la corriente, la de ahorros o la tarjeta'],
    ['en-GB', 'and', ['a', 'b', 'c'], 'a, b and c'],
    ['en-US', 'and', ['checking', 'savings', 'credit card'], 'checking, savings, and credit card'],
    ['en-US', 'or', ['checking', 'savings'], 'checking or savings'],
  ] as const)('%s %s: %j → "%s"', (locale, kind, items, expected) => {
    expect(list(words(...items), locale, kind).text).toBe(expected);
  });

  it('keeps each item’s SSML and escapes what joins them', () => {
    const spoken = list([plain('Smith & Jones'), digits('4217')], 'en-US');
    expect(spoken.ssml).toBe('Smith &amp; Jones and <say-as interpret-as="digits">4217</say-as>');
    expect(spoken.text).toBe('Smith & Jones and 4217');
  });

  it('says one item as itself, and none as nothing', () => {
    expect(list(words('Inés'), 'es-ES').text).toBe('Inés');
    expect(list([], 'es-ES').text).toBe('');
  });
});
