import { XMLValidator } from 'fast-xml-parser';

/** Throws unless the SSML is one well-formed <speak> document. */
export function expectWellFormedSsml(ssml: string): void {
  const result = XMLValidator.validate(ssml);
  if (result !== true) throw new Error(`invalid SSML (${result.err.msg}): ${ssml}`);
  if (!ssml.startsWith('<speak>') || !ssml.endsWith('</speak>')) throw new Error(`not a <speak> document: ${ssml}`);
}

/** Letters and digits only, upper-cased: how an identifier would be recognised however it is grouped. */
export function alnum(text: string): string {
  return text.replace(/[^0-9A-Za-z]/g, '').toUpperCase();
}
