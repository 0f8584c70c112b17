/** Spoken numbers to digits, as the simulator's NLU hears them. */
import { spokenNumbersToDigits } from '../../src/simulator/numbers';
import { splitWords, toWords } from '../../src/simulator/text';

const en = (phrase: string) => spokenNumbersToDigits(phrase, 'en');
const es = (phrase: string) => spokenNumbersToDigits(phrase, 'es');

describe('English spoken numbers', () => {
  it.each([
    ['forty five', '45'],
    ['twenty', '20'],
    ['twenty dollars', '20 dollars'],
    ['nineteen', '19'],
    ['one hundred', '100'],
    ['a hundred dollars', '100 dollars'],
    ['one hundred and five', '105'],
    ['two hundred fifty', '250'],
    ['one thousand two hundred and fifty', '1250'],
    ['two thousand and twenty six', '2026'],
    ['a thousand', '1000'],
    ['three million', '3000000'],
    ['zero', '0'],
    ['five', '5'],
  ])('%s → %s', (phrase, digits) => expect(en(phrase)).toBe(digits));

  it('reads a run of single digits as a digit string, leading zeros kept', () => {
    expect(en('two four six eight')).toBe('2468');
    expect(en('zero four two seven')).toBe('0427');
    expect(en('my pin is one one one one')).toBe('my pin is 1111');
  });

  it('keeps words around numbers and separate numbers apart', () => {
    expect(en('pay forty five dollars and twenty cents to city power')).toBe(
      'pay 45 dollars and 20 cents to city power',
    );
    expect(en('read my last five transactions')).toBe('read my last 5 transactions');
    expect(en('pay a bill')).toBe('pay a bill');
    expect(en('twenty five six')).toBe('25 6');
    expect(en('one hundred and')).toBe('100 and');
  });

  it('lets digits already typed through', () => {
    expect(en('45.20')).toBe('45.20');
    expect(en('pay 45 dollars')).toBe('pay 45 dollars');
  });
});

describe('Spanish spoken numbers', () => {
  it.each([
    ['cuarenta y cinco', '45'],
    ['ciento veinte', '120'],
    ['cien', '100'],
    ['cien mil', '100000'],
    ['mil doscientos', '1200'],
    ['mil doscientos cincuenta', '1250'],
    ['dos mil veintiséis', '2026'],
    ['quinientos', '500'],
    ['veintidós', '22'],
    ['dieciséis', '16'],
    ['un millón', '1000000'],
    ['treinta', '30'],
    ['uno', '1'],
    ['cero', '0'],
  ])('%s → %s', (phrase, digits) => {
    // Accents are folded before matching (src/simulator/text.ts).
    expect(
      toWords(phrase, 'es')
        .map((word) => word.norm)
        .join(' '),
    ).toBe(digits);
  });

  it('reads a run of single digits as a digit string', () => {
    expect(es('dos cuatro seis ocho')).toBe('2468');
    expect(es('cuatro ocho tres uno')).toBe('4831');
    expect(es('cero cuatro dos siete')).toBe('0427');
  });

  it('treats articles and "y" as words unless they belong to a number', () => {
    expect(es('haz un pago')).toBe('haz un pago');
    expect(es('paga una factura')).toBe('paga una factura');
    expect(es('paga cuarenta y cinco euros y veinte céntimos')).toBe('paga 45 euros y 20 céntimos');
    expect(es('paga treinta euros con cincuenta')).toBe('paga 30 euros con 50');
  });
});

describe('words', () => {
  it('folds accents, joins apostrophes, drops punctuation and keeps decimals and ISO dates', () => {
    expect(splitWords("What's my balance?")).toEqual(['whats', 'my', 'balance']);
    expect(splitWords('¿Cuál es mi saldo?')).toEqual(['cuál', 'es', 'mi', 'saldo']);
    expect(splitWords('pay $45.20 to City Power')).toEqual(['pay', '45.20', 'to', 'city', 'power']);
    expect(splitWords('pay 1,250 dollars')).toEqual(['pay', '1250', 'dollars']);
    expect(splitWords('paga 45,20 euros')).toEqual(['paga', '45,20', 'euros']);
    expect(splitWords('on 2026-11-27')).toEqual(['on', '2026-11-27']);
    expect(splitWords('forty-five')).toEqual(['forty', 'five']);
  });

  it('keeps the words as written for slot values, numbers as digits', () => {
    expect(toWords('Laura Martínez', 'es')).toEqual([
      { norm: 'laura', text: 'laura' },
      { norm: 'martinez', text: 'martínez' },
    ]);
    expect(toWords('forty five dollars', 'en').map((word) => word.text)).toEqual(['45', 'dollars']);
  });
});
