/** Request JSON: no own "__proto__", "constructor" or "prototype" key survives parsing, however it is written. */
import fc from 'fast-check';
import { parseRequestJson } from '../../src/server/json';

const hasOwnKey = (value: unknown, key: string): boolean =>
  typeof value === 'object' &&
  value !== null &&
  (Object.hasOwn(value, key) || Object.values(value).some((child) => hasOwnKey(child, key)));

describe('parseRequestJson', () => {
  it.each([
    ['plainly', '{"a":{"__proto__":{"x":1},"constructor":[1],"prototype":2},"b":1}'],
    ['with escapes', '{"a":{"\\u005f_proto__":{"x":1},"\\u0063onstructor":[1],"protot\\u0079pe":2},"b":1}'],
  ])('drops the keys written %s', (_, text) => {
    const parsed = parseRequestJson(text);
    for (const key of ['__proto__', 'constructor', 'prototype']) expect(hasOwnKey(parsed, key)).toBe(false);
    expect(parsed).toEqual({ a: {}, b: 1 });
  });

  it('reads any other JSON exactly as JSON.parse does', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = JSON.stringify(value);
        fc.pre(!/__proto__|constructor|prototype/.test(text));
        expect(parseRequestJson(text)).toEqual(JSON.parse(text));
      }),
    );
  });
});
