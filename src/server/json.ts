/**
 * JSON as request bodies are read: own "__proto__", "constructor" and "prototype" keys are
 * dropped on parsing. No platform field has those names, and the SDKs copy request objects
 * onto their own classes (a "__proto__" key replaced a prototype, a "constructor" key broke
 * a deep copy: both found by the fuzz corpus), so nothing the sender writes can reach them.
 */
const PROTOTYPE_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

export function withoutPrototypeKeys(key: string, value: unknown): unknown {
  return PROTOTYPE_KEYS.has(key) ? undefined : value;
}

/**
 * JSON.parse with withoutPrototypeKeys, skipping the reviver's cost when the text cannot
 * hold such a key: none of the names appears, and no \u escape could spell one.
 */
export function parseRequestJson(text: string): unknown {
  return text.includes('\\u') || text.includes('proto') || text.includes('constructor')
    ? JSON.parse(text, withoutPrototypeKeys)
    : JSON.parse(text);
}
