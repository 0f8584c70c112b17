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
